package dev.homeostat.testbed.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scaling curve of {@code homeostat perf --scale … --chart FILE}: seconds per simulated hour and heap peak per
 * cluster size, engine off (wall) and, when measured, engine on (baseline + engine, CPU). Two panels on one pods
 * axis, because seconds and MiB share no scale.
 */
public final class EnginePerfChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 700;

    private EnginePerfChart() { }

    /** One size: engine-off wall seconds and heap; engine-on CPU seconds and heap, or null when not measured. */
    public record Point(int pods, double offSecondsPerHour, long offHeapMiB, Double onCpuSecondsPerHour, Long onHeapMiB) { }

    public static byte[] png(String title, List<Point> points) {
        var time = new XYSeriesCollection();
        var heap = new XYSeriesCollection();
        var offTime = new XYSeries("engine off (wall)");
        var onTime = new XYSeries("engine on: baseline + engine (CPU)");
        var offHeap = new XYSeries("engine off");
        var onHeap = new XYSeries("engine on (pair)");
        for (Point p : points) {
            offTime.add(p.pods(), p.offSecondsPerHour());
            offHeap.add(p.pods(), p.offHeapMiB());
            if (p.onCpuSecondsPerHour() != null) onTime.add(p.pods(), p.onCpuSecondsPerHour());
            if (p.onHeapMiB() != null) onHeap.add(p.pods(), p.onHeapMiB());
        }
        time.addSeries(offTime);
        heap.addSeries(offHeap);
        if (!onTime.isEmpty()) {
            time.addSeries(onTime);
            heap.addSeries(onHeap);
        }
        var pods = new NumberAxis("pods");
        pods.setAutoRangeIncludesZero(true);
        var plot = new CombinedDomainXYPlot(pods);
        plot.add(panel(time, "seconds per simulated hour"), 1);
        plot.add(panel(heap, "heap peak, MiB"), 1);
        plot.setGap(14);
        var chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, false);
        var legend = new LegendTitle(plot.getSubplots().getFirst());
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        var bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the scaling chart: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static XYPlot panel(XYSeriesCollection data, String label) {
        var renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1565C0));
        renderer.setSeriesPaint(1, new Color(0xC62828));
        for (int i = 0; i < 2; i++) renderer.setSeriesStroke(i, new BasicStroke(2f));
        var range = new NumberAxis(label);
        range.setAutoRangeIncludesZero(true);
        var plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(new Color(0xF5F5F5));
        plot.setRangeGridlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(Color.GRAY);
        return plot;
    }
}
