package dev.homeostat.reports;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The PNG charts of index.html, drawn with JFreeChart headless. Sizes, fonts, colours and anti-aliasing are
 * fixed, and nothing reads the clock or the locale, so the same report gives the same PNG bytes on one machine
 * (a machine with other fonts draws other glyphs).
 */
final class ReportCharts {
    static final Color BASELINE = new Color(0xE0, 0x6C, 0x00);
    static final Color ENGINE = new Color(0x1F, 0x6F, 0xB5);
    private static final Color BAR = new Color(0x4C, 0x78, 0xA8);
    private static final Color FAULT = new Color(0x99, 0x99, 0x99, 0x50);
    private static final Color FAULT_LANE = new Color(0x88, 0x88, 0x88);
    private static final Color ANOMALY = new Color(0xC0, 0x1C, 0x28);
    private static final Color ACTION = new Color(0x1A, 0x7F, 0x37);
    private static final Color HELD = new Color(0xBF, 0x87, 0x00);
    private static final Color REFUSED = new Color(0x6E, 0x40, 0xC9);
    private static final Color PAGE = new Color(0xCF, 0x22, 0x2E);
    private static final Color SLO_LINE = new Color(0xCF, 0x22, 0x2E);
    private static final Color HOLLOW_LINE = Color.WHITE;
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final String FONT = "SansSerif";

    static final int BAR_WIDTH = 360;
    static final int BAR_HEIGHT = 240;
    static final int TIMELINE_WIDTH = 1000;
    private static final int SERIES_PLOT_HEIGHT = 170;
    private static final int LANES_HEIGHT = 170;

    /** Lanes of the event strip under the series, bottom to top. */
    private static final String[] LANES = {"pages", "actions", "anomalies", "SLO engine", "SLO baseline", "faults"};

    private ReportCharts() { }

    /** The suite's bar chart of one scenario metric, mean over seeds with its 95% CI as error bars. */
    static byte[] suiteBars(SuiteReport suite, String title, String axisLabel, String ciKey,
                            Function<ScenarioReport, Double> metric, boolean ratioAxis) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (ScenarioReport s : suite.scenarios()) {
            Double mean = metric.apply(s);
            List<Double> ci = s.confidence95().get(ciKey);
            Double halfWidth = mean == null || ci == null || ci.size() != 2 || ci.get(0) == null || ci.get(1) == null
                    ? null : (ci.get(1) - ci.get(0)) / 2;
            // Half the CI as the "standard deviation": the renderer draws mean ± that value, i.e. the CI.
            data.add(mean, halfWidth, "mean", mean == null ? s.name() + " (n/a)" : s.name());
        }
        CategoryAxis categories = new CategoryAxis(null);
        categories.setMaximumCategoryLabelLines(4); // long names break at their hyphens
        NumberAxis values = new NumberAxis(axisLabel);
        if (ratioAxis) {
            values.setAutoRangeIncludesZero(true);
        }
        StatisticalBarRenderer renderer = keepStyle(new StatisticalBarRenderer());
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = chart(title, plot, false);
        renderer.setSeriesPaint(0, BAR);
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        renderer.setMaximumBarWidth(0.18);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat(ratioAxis ? "0.00" : "0.#", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 10));
        values.setUpperMargin(0.15);
        return png(chart, BAR_WIDTH, BAR_HEIGHT);
    }

    /** Height of the timeline chart for {@code timeline}: one plot per series name plus the event lanes. */
    static int timelineHeight(ScenarioTimeline timeline) {
        return 90 + LANES_HEIGHT + SERIES_PLOT_HEIGHT * seriesNames(timeline).size();
    }

    /**
     * One run over time in minutes: a plot per series name (baseline dashed, engine solid, fault windows shaded)
     * above a strip of lanes with the fault windows, the SLO-violation intervals of both runs, and the engine's
     * anomalies and actions as markers.
     */
    static byte[] timeline(ScenarioTimeline t) {
        double endMinutes = Math.max(minutes(t.endMillis()), 1e-3);
        NumberAxis time = new NumberAxis("run time (minutes)");
        time.setRange(0, endMinutes);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(8);
        for (String name : seriesNames(t)) {
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(xy("baseline " + name, t.baselineSeries(), name));
            data.addSeries(xy("engine " + name, t.engineSeries(), name));
            XYLineAndShapeRenderer lines = keepStyle(new XYLineAndShapeRenderer(true, false));
            lines.setSeriesPaint(0, BASELINE);
            lines.setSeriesStroke(0, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f));
            lines.setSeriesPaint(1, ENGINE);
            lines.setSeriesStroke(1, new BasicStroke(2.4f));
            NumberAxis range = new NumberAxis(name);
            range.setAutoRangeIncludesZero(true);
            // A flat series (no errors at all) would otherwise get a ±1e-9 axis around zero.
            range.setAutoRangeMinimumSize(name.contains("error ratio") ? 0.01 : 1e-3);
            range.setRangeType(org.jfree.data.RangeType.POSITIVE); // ratios and latencies are never negative
            range.setLabelFont(new Font(FONT, Font.PLAIN, 11));
            XYPlot plot = new XYPlot(data, null, range, lines);
            // the dashed baseline over the wider engine line: where the two are equal, both still show
            plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.REVERSE);
            shadeFaults(plot, t);
            sloLine(plot, range, t, name);
            combined.add(plot, 3);
        }
        combined.add(lanes(t), 2);
        combined.setFixedLegendItems(legend(t, !seriesNames(t).isEmpty()));
        JFreeChart chart = chart(t.scenario() + " — seed " + t.seed(), combined, true);
        for (Object sub : combined.getSubplots()) {
            style((XYPlot) sub);
        }
        return png(chart, TIMELINE_WIDTH, timelineHeight(t));
    }

    private static XYPlot lanes(ScenarioTimeline t) {
        double minWidth = minutes(t.endMillis()) / 400;
        XYIntervalSeriesCollection bands = new XYIntervalSeriesCollection();
        bands.addSeries(band("faults", t.faults(), 5, minWidth));
        bands.addSeries(band("SLO violated (baseline)", t.sloViolationsBaseline(), 4, minWidth));
        bands.addSeries(band("SLO violated (engine)", t.sloViolationsEngine(), 3, minWidth));
        XYBarRenderer bars = keepStyle(new XYBarRenderer());
        bars.setUseYInterval(true);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, FAULT_LANE);
        bars.setSeriesPaint(1, BASELINE);
        bars.setSeriesPaint(2, ENGINE);

        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(points("anomalies", t.anomalies(), 2));
        marks.addSeries(points("applied", kind(t.actions(), ScenarioTimeline.APPLIED), 1.15));
        marks.addSeries(points("held back", kind(t.actions(), ScenarioTimeline.HELD), 1));
        marks.addSeries(points("refused", kind(t.actions(), ScenarioTimeline.REFUSED), 0.85));
        marks.addSeries(points("pages baseline", t.pagesBaseline(), 0.15));
        marks.addSeries(points("pages engine run", t.pagesEngine(), -0.15));
        XYLineAndShapeRenderer shapes = keepStyle(new XYLineAndShapeRenderer(false, true));
        shapes.setSeriesPaint(0, ANOMALY);
        shapes.setSeriesShape(0, MarkShapes.triangle(5));
        shapes.setSeriesPaint(1, ACTION);
        shapes.setSeriesShape(1, MarkShapes.diamond(5));
        shapes.setSeriesPaint(2, HELD);
        shapes.setSeriesShape(2, new Rectangle2D.Double(-4, -4, 8, 8));
        shapes.setSeriesShapesFilled(2, false);
        shapes.setSeriesPaint(3, REFUSED);
        shapes.setSeriesShape(3, MarkShapes.cross(4));
        shapes.setSeriesPaint(4, BASELINE);
        shapes.setSeriesShape(4, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        shapes.setSeriesShapesFilled(4, false);
        shapes.setSeriesPaint(5, PAGE);
        shapes.setSeriesShape(5, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));

        SymbolAxis lanes = new SymbolAxis(null, LANES);
        lanes.setGridBandsVisible(false);
        lanes.setRange(-0.6, LANES.length - 0.4);
        lanes.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        XYPlot plot = new XYPlot(marks, null, lanes, shapes);
        plot.setDataset(1, bands);
        plot.setRenderer(1, bars);
        shadeFaults(plot, t);
        return plot;
    }

    private static void shadeFaults(XYPlot plot, ScenarioTimeline t) {
        for (ScenarioTimeline.Window w : t.faults()) {
            IntervalMarker marker = new IntervalMarker(minutes(w.start()), minutes(w.end()));
            marker.setPaint(FAULT);
            marker.setOutlinePaint(null);
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
    }

    private static XYIntervalSeries band(String key, List<ScenarioTimeline.Window> windows, int lane, double minWidth) {
        XYIntervalSeries series = new XYIntervalSeries(key);
        for (ScenarioTimeline.Window w : windows) {
            double start = minutes(w.start());
            double end = Math.max(minutes(w.end()), start + minWidth);
            series.add(start, start, end, lane, lane - 0.32, lane + 0.32);
        }
        return series;
    }

    private static List<ScenarioTimeline.Mark> kind(List<ScenarioTimeline.Mark> marks, String kind) {
        return marks.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /**
     * The SLO as a line on a series' plot, and the axis stretched to show it: an error ratio or a latency far below
     * its objective reads as the healthy margin it is.
     */
    private static void sloLine(XYPlot plot, NumberAxis range, ScenarioTimeline t, String name) {
        Double threshold = null;
        double max = 0;
        for (List<TimelineSeries> all : List.of(t.engineSeries(), t.baselineSeries())) {
            for (TimelineSeries s : all) {
                if (!s.name().equals(name)) continue;
                if (s.sloThreshold() != null) threshold = s.sloThreshold();
                for (double v : s.values()) if (Double.isFinite(v)) max = Math.max(max, v);
            }
        }
        if (threshold == null) return;
        org.jfree.chart.plot.ValueMarker line = new org.jfree.chart.plot.ValueMarker(threshold);
        line.setPaint(SLO_LINE);
        line.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 3f}, 0f));
        line.setLabel("SLO");
        line.setLabelFont(new Font(FONT, Font.PLAIN, 10));
        line.setLabelPaint(SLO_LINE);
        line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        line.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(line, Layer.FOREGROUND);
        range.setAutoRange(false);
        range.setRange(0, Math.max(max, threshold) * 1.15);
    }

    private static XYSeries points(String key, List<ScenarioTimeline.Mark> marks, double lane) {
        XYSeries series = new XYSeries(key, false, true);
        for (ScenarioTimeline.Mark m : marks) {
            series.add(minutes(m.t()), lane);
        }
        return series;
    }

    private static XYSeries xy(String key, List<TimelineSeries> all, String name) {
        XYSeries series = new XYSeries(key, false, true);
        for (TimelineSeries s : all) {
            if (s.name().equals(name)) {
                long[] times = s.times();
                double[] values = s.values();
                for (int i = 0; i < times.length; i++) {
                    series.add(minutes(times[i]), values[i]);
                }
            }
        }
        return series;
    }

    /** Series names in first-seen order, engine series first: one plot each. */
    private static List<String> seriesNames(ScenarioTimeline t) {
        Set<String> names = new LinkedHashSet<>();
        t.engineSeries().forEach(s -> names.add(s.name()));
        t.baselineSeries().forEach(s -> names.add(s.name()));
        return new ArrayList<>(names);
    }

    private static LegendItemCollection legend(ScenarioTimeline t, boolean withSeries) {
        LegendItemCollection items = new LegendItemCollection();
        Shape box = new Rectangle2D.Double(-5, -5, 10, 10);
        if (withSeries) {
            Shape line = new java.awt.geom.Line2D.Double(-9, 0, 9, 0);
            items.add(new LegendItem("baseline (Kubernetes only)", null, null, null, line,
                    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f),
                    BASELINE));
            items.add(new LegendItem("engine", null, null, null, line, new BasicStroke(2.4f), ENGINE));
            items.add(new LegendItem("SLO", null, null, null, line,
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 3f}, 0f), SLO_LINE));
        }
        items.add(new LegendItem("fault window", null, null, null, box, FAULT_LANE));
        items.add(new LegendItem("SLO violated: baseline", null, null, null, box, BASELINE));
        items.add(new LegendItem("SLO violated: engine", null, null, null, box, ENGINE));
        items.add(new LegendItem("anomaly (" + t.anomalies().size() + ")", null, null, null, MarkShapes.triangle(5), ANOMALY));
        items.add(new LegendItem("applied (" + t.actionCount(ScenarioTimeline.APPLIED) + ")", null, null, null, MarkShapes.diamond(5), ACTION));
        items.add(new LegendItem("held back (" + t.actionCount(ScenarioTimeline.HELD) + ")", null, null, null, true,
                new Rectangle2D.Double(-4, -4, 8, 8), false, HELD, true, HELD, new BasicStroke(1f), false, new java.awt.geom.Line2D.Double(), new BasicStroke(1f), HOLLOW_LINE));
        items.add(new LegendItem("refused (" + t.actionCount(ScenarioTimeline.REFUSED) + ")", null, null, null, MarkShapes.cross(4), REFUSED));
        items.add(new LegendItem("page, baseline (" + t.pagesBaseline().size() + ")", null, null, null, true,
                new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8), false, BASELINE, true, BASELINE, new BasicStroke(1f), false, new java.awt.geom.Line2D.Double(), new BasicStroke(1f), HOLLOW_LINE));
        items.add(new LegendItem("page, engine run (" + t.pagesEngine().size() + ")", null, null, null,
                new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8), PAGE));
        return items;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 14), plot, legend);
        StandardChartTheme theme = new StandardChartTheme("homeostat");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 14));
        theme.setLargeFont(new Font(FONT, Font.PLAIN, 12));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 11));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(GRID);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        TextTitle t = chart.getTitle();
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        t.setPadding(new RectangleInsets(2, 6, 6, 2));
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.TOP);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            l.setItemFont(new Font(FONT, Font.PLAIN, 11));
        }
        return chart;
    }

    /** The chart theme clears series paints, strokes and shapes of renderers that auto-populate them. */
    private static <R extends org.jfree.chart.renderer.AbstractRenderer> R keepStyle(R renderer) {
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        return renderer;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle().getText() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static double minutes(long millis) {
        return millis / 60_000.0;
    }
}
