import RuleEngine
import TestSupport

/// Random rule sets over three small templates: joins, negation, exists, either, tests and
/// counts, with variables always bound before they are used.
struct RandomRuleBase {
  static let templates = ["p", "q", "r"]
  static let vocabulary: Vocabulary = {
    var vocabulary = Vocabulary()
    for name in templates {
      _ = vocabulary.add(
        Template(name: name, slots: [Slot(name: "a", type: .number), Slot(name: "b", type: .number)]))
    }
    _ = vocabulary.add(
      Template(name: "derived", slots: [Slot(name: "x", type: .number), Slot(name: "y", type: .number)]))
    return vocabulary
  }()

  var random: SeededGenerator
  private var variableCounter = 0

  init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  mutating func rules(count: Int, deriving: Bool) -> [Rule] {
    (0..<count).map { index in rule(named: "r\(index)", deriving: deriving) }
  }

  private mutating func freshVariable() -> String {
    variableCounter += 1
    return "v\(variableCounter)"
  }

  private mutating func template() -> String { RandomRuleBase.templates.randomElement(using: &random) ?? "p" }
  private mutating func small() -> Value { .number(Double(Int.random(in: 0...2, using: &random))) }

  /// A pattern whose constraints may bind new variables or use bound ones.
  private mutating func pattern(bound: [String], binding: Bool) -> (Pattern, [String]) {
    var newlyBound: [String] = []
    var constraints: [SlotConstraint] = []
    for slot in ["a", "b"] {
      let available = bound + newlyBound
      switch Int.random(in: 0..<8, using: &random) {
      case 0: constraints.append(SlotConstraint(slot, .equals(small())))
      case 1 where !available.isEmpty:
        constraints.append(SlotConstraint(slot, .bind(available.randomElement(using: &random) ?? "")))
      case 2 where !available.isEmpty:
        let other = available.randomElement(using: &random) ?? ""
        constraints.append(SlotConstraint(slot, .compare(.notEqual, .variable(other))))
      case 3: constraints.append(SlotConstraint(slot, .compare(.greater, .constant(.number(0)))))
      case 4: constraints.append(SlotConstraint(slot, .anyOf([.equals(.number(0)), .equals(.number(2))])))
      case 6 where available.count >= 2:
        // `slot: ?x | ?y`: a disjunction of equalities with the partial match.
        let first = available.randomElement(using: &random) ?? ""
        let second = available.randomElement(using: &random) ?? ""
        constraints.append(SlotConstraint(slot, .anyOf([.bind(first), .bind(second)])))
      case 5 where binding:
        let variable = freshVariable()
        constraints.append(
          SlotConstraint(slot, .allOf([.bind(variable), .compare(.lessOrEqual, .constant(.number(1)))])))
        newlyBound.append(variable)
      default:
        if binding {
          let variable = freshVariable()
          constraints.append(SlotConstraint(slot, .bind(variable)))
          newlyBound.append(variable)
        }
      }
    }
    return (Pattern(template: template(), constraints: constraints), newlyBound)
  }

  private mutating func rule(named name: String, deriving: Bool) -> Rule {
    var conditions: [Condition] = []
    var bound: [String] = []
    let length = Int.random(in: 1...3, using: &random)
    for position in 0..<length {
      let kind = position == 0 ? Int.random(in: 0..<3, using: &random) : Int.random(in: 0..<9, using: &random)
      switch kind {
      case 3:
        let (negated, _) = pattern(bound: bound, binding: true)
        conditions.append(.not([.pattern(negated)], .synthetic))
      case 4:
        let (existing, _) = pattern(bound: bound, binding: true)
        conditions.append(.exists([.pattern(existing)], .synthetic))
      case 5:
        let (first, inner) = pattern(bound: bound, binding: true)
        let (second, _) = pattern(bound: bound + inner, binding: true)
        conditions.append(.not([.pattern(first), .pattern(second)], .synthetic))
      case 6:
        let (left, leftBound) = pattern(bound: bound, binding: true)
        let (right, rightBound) = pattern(bound: bound, binding: true)
        conditions.append(.either([[.pattern(left)], [.pattern(right)]], .synthetic))
        bound += leftBound.filter { rightBound.contains($0) }
      case 7 where bound.count >= 2:
        let first: Expression = .binary(.lessOrEqual, .variable(bound[0]), .variable(bound[1]))
        let second: Expression = .not(.binary(.equal, .variable(bound[bound.count - 1]), .constant(small())))
        switch Int.random(in: 0..<3, using: &random) {
        case 0: conditions.append(.test(first, .synthetic))
        case 1: conditions.append(.test(.binary(.or, first, second), .synthetic))
        default: conditions.append(.test(.binary(.and, second, .not(first)), .synthetic))
        }
      case 8:
        let (counted, inner) = pattern(bound: bound, binding: true)
        let result = freshVariable()
        let distinct = inner.isEmpty || Bool.random(using: &random) ? [] : [inner[0]]
        let filter: Expression = .binary(
          .greaterOrEqual, .variable(result),
          .constant(.number(Double(Int.random(in: 0...2, using: &random)))))
        conditions.append(
          .count(CountCondition(pattern: counted, distinct: distinct, result: result, filter: filter)))
        bound.append(result)
      default:
        let (positive, newlyBound) = pattern(bound: bound, binding: true)
        conditions.append(.pattern(positive))
        bound += newlyBound
      }
    }
    var actions: [Action] = []
    if deriving, bound.count >= 1 {
      let x = bound.randomElement(using: &random) ?? ""
      actions.append(
        .assert(
          FactTemplate(
            template: "derived",
            values: [SlotValue("x", .variable(x)), SlotValue("y", .constant(.number(1)))]), .synthetic))
    }
    return Rule(name: name, conditions: conditions, actions: actions)
  }
}
