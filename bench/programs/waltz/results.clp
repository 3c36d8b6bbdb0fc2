;;; Waltz results for the check run (prepare's check.bat): after (run), (print-results) prints
;;; the final junctions by base point, then the final edges by (p1, p2), as
;;;   RESULT junction <base_point> <type> <p1> <p2> [<p3>]
;;;   RESULT edge <p1> <p2> <label>
;;; It reads the facts and fires no rule. results.rules prints the same lines in cxdx.

(deffunction junction-after (?a ?b)
   (> (fact-slot-value ?a base_point) (fact-slot-value ?b base_point)))

(deffunction edge-after (?a ?b)
   (bind ?x (fact-slot-value ?a p1))
   (bind ?y (fact-slot-value ?b p1))
   (or (> ?x ?y) (and (= ?x ?y) (> (fact-slot-value ?a p2) (fact-slot-value ?b p2)))))

(deffunction print-results ()
   (progn$ (?j (sort junction-after (find-all-facts ((?f junction)) TRUE)))
      (printout t "RESULT junction " (fact-slot-value ?j base_point) " " (fact-slot-value ?j type)
                " " (fact-slot-value ?j p1) " " (fact-slot-value ?j p2))
      (if (neq (fact-slot-value ?j type) L) then (printout t " " (fact-slot-value ?j p3)))
      (printout t crlf))
   (progn$ (?e (sort edge-after (find-all-facts ((?f edge)) TRUE)))
      (printout t "RESULT edge " (fact-slot-value ?e p1) " " (fact-slot-value ?e p2) " "
                (fact-slot-value ?e label) crlf)))
