package dev.homeostat.testbed.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Pareto-best configurations on (F1 ↑, MTTR ↓, needless actions ↓): a point is Pareto-best when no other
 * point is at least as good on all three and strictly better on one. Equal points are all Pareto-best.
 */
public final class Pareto {
    private Pareto() { }

    /** One configuration's position; undefined F1 counts as 0 and undefined MTTR (no impact at all) as 0 s. */
    public record Point(double f1, double mttrSeconds, double needlessActions) {
        public static Point of(Double f1, Double mttrSeconds, double needlessActions) {
            return new Point(f1 == null ? 0 : f1, mttrSeconds == null ? 0 : mttrSeconds, needlessActions);
        }

        /** True when this point is at least as good as {@code other} everywhere and better somewhere. */
        public boolean dominates(Point other) {
            boolean noWorse = f1 >= other.f1 && mttrSeconds <= other.mttrSeconds && needlessActions <= other.needlessActions;
            boolean better = f1 > other.f1 || mttrSeconds < other.mttrSeconds || needlessActions < other.needlessActions;
            return noWorse && better;
        }
    }

    /** For each point, in order, whether it is Pareto-best. */
    public static List<Boolean> front(List<Point> points) {
        var front = new ArrayList<Boolean>(points.size());
        for (Point p : points) front.add(points.stream().noneMatch(q -> q.dominates(p)));
        return front;
    }
}
