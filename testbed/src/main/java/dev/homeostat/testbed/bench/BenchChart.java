package dev.homeostat.testbed.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * bench.png: one panel each for F1, MTTR and needless actions, bars per configuration on a shared axis.
 * Three panels rather than one shared scale, because F1 lives in [0, 1] and MTTR in seconds.
 */
final class BenchChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 900;

    private BenchChart() { }

    static byte[] png(BenchResult result) {
        var axis = new CategoryAxis("configuration");
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        axis.setMaximumCategoryLabelLines(2);
        var plot = new CombinedDomainCategoryPlot(axis);
        plot.add(panel(result, "F1 (higher is better)", r -> r.f1() == null ? 0 : r.f1(), new Color(0x2E7D32)), 1);
        plot.add(panel(result, "MTTR s (lower is better)", r -> r.mttrSeconds() == null ? 0 : r.mttrSeconds(), new Color(0x1565C0)), 1);
        plot.add(panel(result, "needless actions (lower is better)", BenchRow::needlessActions, new Color(0xC62828)), 1);
        plot.setGap(12);
        var chart = new JFreeChart("homeostat bench: " + result.suite() + " (best: " + result.best() + ")",
                new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        var bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render bench.png: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static CategoryPlot panel(BenchResult result, String label, ToDoubleFunction<BenchRow> value, Color color) {
        var data = new DefaultCategoryDataset();
        double max = 0;
        for (BenchRow r : result.rows()) {
            double v = value.applyAsDouble(r);
            max = Math.max(max, v);
            data.addValue(v, label, (r.pareto() ? "* " : "") + r.configuration());
        }
        var renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, color);
        renderer.setMaximumBarWidth(0.12);
        var range = new NumberAxis(label);
        // A fixed range from 0: all-zero panels (no needless action anywhere) would otherwise show ±5e-9.
        range.setRange(0, max > 0 ? max * 1.1 : 1);
        var plot = new CategoryPlot(data, null, range, renderer);
        plot.setBackgroundPaint(new Color(0xF5F5F5));
        plot.setRangeGridlinePaint(Color.GRAY);
        return plot;
    }
}
