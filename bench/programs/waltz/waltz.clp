;;; Waltz line labelling, CLIPS 6.30 side of the cxdx benchmark.
;;; Written from the specification in workloads.md §2.5 (the OPS5 benchmark suite, Brant et al.
;;; 1991, "Effects of database size on rule system performance: five case studies"; its CLIPS
;;; port): 32 rules (begin never fires: the data starts at stage duplicate), depth strategy,
;;; stages duplicate -> detect_junctions -> find_initial_boundary -> find_second_boundary ->
;;; labeling -> plot_remaining_edges -> done, each left by a salience -10 rule. Expected
;;; firings: 3576, 7164, 10476, 14064 for 12, 25, 37, 50 regions.
;;; The cxdx twin is waltz.rules. The run prints nothing; results.clp prints the final junctions
;;; and edges after the run, sorted, without firing a rule (see prepare).

(deftemplate stage (slot value))
(deftemplate line (slot p1) (slot p2))
(deftemplate edge (slot p1) (slot p2) (slot joined) (slot label) (slot plotted))
(deftemplate junction (slot p1) (slot p2) (slot p3) (slot base_point) (slot type))

;;; The junction classifier. A point p is read as x = floor(p / 100), y = p mod 100: the
;;; stretched x-scale is part of the benchmark.

(deffunction get_angle (?p1 ?p2)
   (bind ?dx (- (div ?p2 100) (div ?p1 100)))
   (bind ?dy (- (mod ?p2 100) (mod ?p1 100)))
   (if (= ?dx 0) then
      (if (> ?dy 0) then (return (/ (pi) 2)))
      (if (< ?dy 0) then (return (- 0 (/ (pi) 2))))
      (return 0.0))
   (if (= ?dy 0) then
      (if (> ?dx 0) then (return 0.0))
      (return (pi)))
   ;; atan2(dy, dx): CLIPS 6.30 has atan only
   (bind ?t (atan (/ ?dy ?dx)))
   (if (> ?dx 0) then (return ?t))
   (if (> ?dy 0) then (return (+ ?t (pi))))
   (return (- ?t (pi))))

(deffunction inscribed_angle (?bp ?p1 ?p2)
   (bind ?temp (abs (- (get_angle ?bp ?p1) (get_angle ?bp ?p2))))
   (if (> ?temp (pi)) then (bind ?temp (- (* 2 (pi)) ?temp)))
   ?temp)

(deffunction make-3_junction (?bp ?p1 ?p2 ?p3)
   (bind ?a12 (inscribed_angle ?bp ?p1 ?p2))
   (bind ?a13 (inscribed_angle ?bp ?p1 ?p3))
   (bind ?a23 (inscribed_angle ?bp ?p2 ?p3))
   (bind ?s1213 (+ ?a12 ?a13))
   (bind ?s1223 (+ ?a12 ?a23))
   (bind ?s1323 (+ ?a13 ?a23))
   (if (< ?s1213 ?s1223) then
      (if (< ?s1213 ?s1323) then
         (bind ?sum ?s1213) (bind ?shaft ?p1) (bind ?barb1 ?p2) (bind ?barb2 ?p3)
       else
         (bind ?sum ?s1323) (bind ?shaft ?p3) (bind ?barb1 ?p1) (bind ?barb2 ?p2))
    else
      (if (< ?s1223 ?s1323) then
         (bind ?sum ?s1223) (bind ?shaft ?p2) (bind ?barb1 ?p1) (bind ?barb2 ?p3)
       else
         (bind ?sum ?s1323) (bind ?shaft ?p3) (bind ?barb1 ?p1) (bind ?barb2 ?p2)))
   (if (< (abs (- ?sum (pi))) 0.001) then
      (bind ?type tee)
    else
      (if (> ?sum (pi)) then (bind ?type fork) else (bind ?type arrow)))
   (assert (junction (p1 ?barb1) (p2 ?shaft) (p3 ?barb2) (base_point ?bp) (type ?type))))

;;; The suite's start rule. The data already starts at stage duplicate, so it never fires; it is
;;; kept so that the rule base is the suite's 32 rules.

(defrule begin
   ?f1 <- (stage (value start))
   =>
   (modify ?f1 (value duplicate)))

;;; Stage duplicate: every line becomes two edges.

(defrule reverse_edges
   (stage (value duplicate))
   ?f2 <- (line (p1 ?p1) (p2 ?p2))
   =>
   (assert (edge (p1 ?p1) (p2 ?p2) (joined false)))
   (assert (edge (p1 ?p2) (p2 ?p1) (joined false)))
   (retract ?f2))

(defrule done_reversing
   (declare (salience -10))
   ?f1 <- (stage (value duplicate))
   (not (line))
   =>
   (modify ?f1 (value detect_junctions)))

;;; Stage detect_junctions: three unjoined edges at a point make a junction classified by the
;;; angles between them; exactly two make an L.

(defrule make-3_junction
   (declare (salience 10))
   (stage (value detect_junctions))
   ?f2 <- (edge (p1 ?base_point) (p2 ?p1) (joined false))
   ?f3 <- (edge (p1 ?base_point) (p2 ?p2&~?p1) (joined false))
   ?f4 <- (edge (p1 ?base_point) (p2 ?p3&~?p1&~?p2) (joined false))
   =>
   (make-3_junction ?base_point ?p1 ?p2 ?p3)
   (modify ?f2 (joined true))
   (modify ?f3 (joined true))
   (modify ?f4 (joined true)))

(defrule make_L
   (stage (value detect_junctions))
   ?f2 <- (edge (p1 ?base_point) (p2 ?p2) (joined false))
   ?f3 <- (edge (p1 ?base_point) (p2 ?p3&~?p2) (joined false))
   (not (edge (p1 ?base_point) (p2 ~?p2&~?p3)))
   =>
   (assert (junction (type L) (base_point ?base_point) (p1 ?p2) (p2 ?p3)))
   (modify ?f2 (joined true))
   (modify ?f3 (joined true)))

(defrule done_detecting
   (declare (salience -10))
   ?f1 <- (stage (value detect_junctions))
   (not (edge (joined false)))
   =>
   (modify ?f1 (value find_initial_boundary)))

;;; Stages find_initial_boundary and find_second_boundary: the junctions with the largest and
;;; the smallest base point lie on the boundary.

(defrule initial_boundary_junction_L
   ?f1 <- (stage (value find_initial_boundary))
   (junction (type L) (base_point ?base_point) (p1 ?p1) (p2 ?p2))
   ?f3 <- (edge (p1 ?base_point) (p2 ?p1))
   ?f4 <- (edge (p1 ?base_point) (p2 ?p2))
   (not (junction (base_point ?bp&:(> ?bp ?base_point))))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label B))
   (modify ?f1 (value find_second_boundary)))

(defrule initial_boundary_junction_arrow
   ?f1 <- (stage (value find_initial_boundary))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   ?f3 <- (edge (p1 ?bp) (p2 ?p1))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3))
   (not (junction (base_point ?b&:(> ?b ?bp))))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label +))
   (modify ?f5 (label B))
   (modify ?f1 (value find_second_boundary)))

(defrule second_boundary_junction_L
   ?f1 <- (stage (value find_second_boundary))
   (junction (type L) (base_point ?base_point) (p1 ?p1) (p2 ?p2))
   ?f3 <- (edge (p1 ?base_point) (p2 ?p1))
   ?f4 <- (edge (p1 ?base_point) (p2 ?p2))
   (not (junction (base_point ?bp&:(< ?bp ?base_point))))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label B))
   (modify ?f1 (value labeling)))

(defrule second_boundary_junction_arrow
   ?f1 <- (stage (value find_second_boundary))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   ?f3 <- (edge (p1 ?bp) (p2 ?p1))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3))
   (not (junction (base_point ?b&:(< ?b ?bp))))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label +))
   (modify ?f5 (label B))
   (modify ?f1 (value labeling)))

;;; Stage labeling: a known label crosses to the reverse edge, and the Huffman-Clowes
;;; constraints of each junction type propagate labels.

(defrule match_edge
   (stage (value labeling))
   ?f2 <- (edge (p1 ?p1) (p2 ?p2) (label ?label&+|-|B))
   ?f3 <- (edge (p1 ?p2) (p2 ?p1) (label nil))
   =>
   (modify ?f2 (plotted t))
   (modify ?f3 (label ?label) (plotted t)))

(defrule label_L
   (stage (value labeling))
   (junction (type L) (base_point ?p1))
   (edge (p1 ?p1) (p2 ?p2) (label +|-))
   ?f4 <- (edge (p1 ?p1) (p2 ~?p2) (label nil))
   =>
   (modify ?f4 (label B)))

(defrule label_tee_A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type tee) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   ?f3 <- (edge (p1 ?bp) (p2 ?p1) (label nil))
   ?f4 <- (edge (p1 ?bp) (p2 ?p3))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label B)))

(defrule label_tee_B
   (stage (value labeling))
   (junction (type tee) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   ?f3 <- (edge (p1 ?bp) (p2 ?p1))
   ?f4 <- (edge (p1 ?bp) (p2 ?p3) (label nil))
   =>
   (modify ?f3 (label B))
   (modify ?f4 (label B)))

(defrule label_fork-1
   (stage (value labeling))
   (junction (type fork) (base_point ?bp))
   (edge (p1 ?bp) (p2 ?p1) (label +))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2&~?p1) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ~?p2&~?p1))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label +)))

(defrule label_fork-2
   (stage (value labeling))
   (junction (type fork) (base_point ?bp))
   (edge (p1 ?bp) (p2 ?p1) (label B))
   (edge (p1 ?bp) (p2 ?p2&~?p1) (label -))
   ?f5 <- (edge (p1 ?bp) (p2 ~?p2&~?p1) (label nil))
   =>
   (modify ?f5 (label B)))

(defrule label_fork-3
   (stage (value labeling))
   (junction (type fork) (base_point ?bp))
   (edge (p1 ?bp) (p2 ?p1) (label B))
   (edge (p1 ?bp) (p2 ?p2&~?p1) (label B))
   ?f5 <- (edge (p1 ?bp) (p2 ~?p2&~?p1) (label nil))
   =>
   (modify ?f5 (label -)))

(defrule label_fork-4
   (stage (value labeling))
   (junction (type fork) (base_point ?bp))
   (edge (p1 ?bp) (p2 ?p1) (label -))
   (edge (p1 ?bp) (p2 ?p2&~?p1) (label -))
   ?f5 <- (edge (p1 ?bp) (p2 ~?p2&~?p1) (label nil))
   =>
   (modify ?f5 (label -)))

;;; Arrow junctions: p1 and p3 are the barbs, p2 the shaft. The "A" variants (salience 5)
;;; require the shaft or the named target to be unlabelled; the "B" variants have salience 0.

(defrule label_arrow-1A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p1) (label ?label&B|-))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label ?label)))

(defrule label_arrow-1B
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p1) (label ?label&B|-))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3) (label nil))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label ?label)))

(defrule label_arrow-2A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p3) (label ?label&B|-))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ?p1))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label ?label)))

(defrule label_arrow-2B
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p3) (label ?label&B|-))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p1) (label nil))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label ?label)))

(defrule label_arrow-3A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p1) (label +))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3))
   =>
   (modify ?f4 (label -))
   (modify ?f5 (label +)))

(defrule label_arrow-3B
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p1) (label +))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3) (label nil))
   =>
   (modify ?f4 (label -))
   (modify ?f5 (label +)))

(defrule label_arrow-4A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p3) (label +))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ?p1))
   =>
   (modify ?f4 (label -))
   (modify ?f5 (label +)))

(defrule label_arrow-4B
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p3) (label +))
   ?f4 <- (edge (p1 ?bp) (p2 ?p2))
   ?f5 <- (edge (p1 ?bp) (p2 ?p1) (label nil))
   =>
   (modify ?f4 (label -))
   (modify ?f5 (label +)))

(defrule label_arrow-5A
   (declare (salience 5))
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p2) (label -))
   ?f4 <- (edge (p1 ?bp) (p2 ?p1))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3) (label nil))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label +)))

(defrule label_arrow-5B
   (stage (value labeling))
   (junction (type arrow) (base_point ?bp) (p1 ?p1) (p2 ?p2) (p3 ?p3))
   (edge (p1 ?bp) (p2 ?p2) (label -))
   ?f4 <- (edge (p1 ?bp) (p2 ?p1) (label nil))
   ?f5 <- (edge (p1 ?bp) (p2 ?p3))
   =>
   (modify ?f4 (label +))
   (modify ?f5 (label +)))

(defrule done_labeling
   (declare (salience -10))
   ?f1 <- (stage (value labeling))
   =>
   (modify ?f1 (value plot_remaining_edges)))

;;; Stage plot_remaining_edges: plot what labeling did not; an unlabelled edge is taken for a
;;; boundary.

(defrule plot_remaining
   (stage (value plot_remaining_edges))
   ?f2 <- (edge (plotted nil) (label ?label&~nil) (p1 ?p1) (p2 ?p2))
   =>
   (modify ?f2 (plotted t)))

(defrule plot_boundaries
   (stage (value plot_remaining_edges))
   ?f2 <- (edge (plotted nil) (label nil) (p1 ?p1) (p2 ?p2))
   =>
   (modify ?f2 (plotted t)))

(defrule done_plotting
   (declare (salience -10))
   ?f1 <- (stage (value plot_remaining_edges))
   (not (edge (plotted nil)))
   =>
   (modify ?f1 (value done)))
