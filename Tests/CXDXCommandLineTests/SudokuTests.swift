import CXDXCommandLine
import Foundation
import Testing

/// Runs the sudoku benchmark (`bench/programs/sudoku`, the CLIPS sudoku example translated rule
/// for rule) on two small puzzles through `cxdx run`, in process, with the output-simple module:
/// the printed solution must be a solved sudoku that keeps the puzzle's givens, and the number
/// of rules fired must be the number CLIPS 6.30 fires on the same program.
@Suite struct SudokuTests {
  /// The repository root: this file is `Tests/CXDXCommandLineTests/SudokuTests.swift`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let program = root.appendingPathComponent("bench/programs/sudoku")

  /// One cell as output-simple prints it: `RESULT row: 1 column: 4 value: 3` (`value: *` when
  /// the cell is empty).
  struct Cell: Equatable {
    let row: Int
    let column: Int
    let value: Int?
  }

  /// The cells printed, in order: the puzzle first, then the solution.
  static func cells(_ output: String) -> [Cell] {
    output.split(separator: "\n").compactMap { line -> Cell? in
      let words = line.split(separator: " ")
      guard words.count == 7, words[0] == "RESULT", words[1] == "row:", words[3] == "column:",
        words[5] == "value:", let row = Int(words[2]), let column = Int(words[4])
      else { return nil }
      return Cell(row: row, column: column, value: Int(words[6]))
    }
  }

  /// The number in `N rules fired`, which `--stats` prints.
  static func firings(_ output: String) -> Int? {
    for line in output.split(separator: "\n") {
      let words = line.split(separator: " ")
      if words.count >= 3, words[1] == "rules", words[2] == "fired" { return Int(words[0]) }
    }
    return nil
  }

  /// True when every row, column and box of the n-by-n grid holds 1...n exactly once.
  static func isSolved(_ grid: [[Int]], boxSize: Int) -> Bool {
    let n = boxSize * boxSize
    let all = Set(1...n)
    guard grid.count == n, grid.allSatisfy({ $0.count == n }) else { return false }
    for index in 0..<n {
      let row = grid[index]
      let column = grid.map { $0[index] }
      let boxRow = index / boxSize * boxSize
      let boxColumn = index % boxSize * boxSize
      let box = (0..<n).map { grid[boxRow + $0 / boxSize][boxColumn + $0 % boxSize] }
      for unit in [row, column, box] where Set(unit) != all || unit.count != n { return false }
    }
    return true
  }

  /// (puzzle, box size, rules CLIPS 6.30 fires with output-simple; the same as with output-none)
  @Test(arguments: [("grid2x2-p1", 2, 258), ("grid3x3-p1", 3, 1774)])
  func puzzleIsSolvedWithTheFiringsOfCLIPS(puzzle: String, boxSize: Int, clipsFirings: Int) throws {
    let files = ["sudoku.rules", "solve.rules", "output-simple.rules", "puzzles/\(puzzle).rules"]
    let recording = RecordingConsole()
    let status = CommandLineTool().run(
      ["run"] + files.map { Self.program.appendingPathComponent($0).path } + ["--stats"], environment: [:],
      console: recording.console())
    #expect(status == .success, "stderr: \(recording.errors)")
    #expect(recording.errors.isEmpty)
    #expect(Self.firings(recording.output) == clipsFirings)

    let n = boxSize * boxSize
    let cells = Self.cells(recording.output)
    try #require(cells.count == 2 * n * n, "expected the puzzle and the solution, \(n * n) cells each")
    let puzzleCells = cells[0..<(n * n)]
    let solutionCells = cells[(n * n)...]
    // Both grids are printed row by row, column by column.
    let order = (1...n).flatMap { row in (1...n).map { (row, $0) } }
    #expect(puzzleCells.map { [$0.row, $0.column] } == order.map { [$0.0, $0.1] })
    #expect(solutionCells.map { [$0.row, $0.column] } == order.map { [$0.0, $0.1] })

    let values = solutionCells.map { $0.value }
    try #require(values.allSatisfy { $0 != nil }, "the solution has empty cells")
    let solved = values.compactMap { $0 }
    let grid = (0..<n).map { Array(solved[($0 * n)..<($0 * n + n)]) }
    #expect(Self.isSolved(grid, boxSize: boxSize), "not a solved sudoku: \(grid)")
    for (given, cell) in zip(puzzleCells, solutionCells) where given.value != nil {
      #expect(given.value == cell.value, "the given at row \(given.row), column \(given.column) changed")
    }
    #expect(puzzleCells.contains { $0.value == nil }, "the puzzle printed no empty cell")
  }
}
