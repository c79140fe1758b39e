package dev.homeostat.reports;

import java.awt.Shape;
import java.awt.geom.Path2D;

/** The marker shapes of the timeline's lanes, centred on the origin with half-size {@code r}. */
final class MarkShapes {
    private MarkShapes() { }

    static Shape triangle(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, r);
        p.lineTo(-r, r);
        p.closePath();
        return p;
    }

    static Shape cross(double r) {
        Path2D.Double p = new Path2D.Double();
        double w = r / 3;
        p.moveTo(-r, -r + w);
        p.lineTo(-r + w, -r);
        p.lineTo(0, -w);
        p.lineTo(r - w, -r);
        p.lineTo(r, -r + w);
        p.lineTo(w, 0);
        p.lineTo(r, r - w);
        p.lineTo(r - w, r);
        p.lineTo(0, w);
        p.lineTo(-r + w, r);
        p.lineTo(-r, r - w);
        p.lineTo(-w, 0);
        p.closePath();
        return p;
    }

    static Shape diamond(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }
}
