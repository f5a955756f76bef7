package glassworks.spark;

import glassworks.md.io.ParquetTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code glassworks plot}: the standard figures of a dynamics analysis as PNG and/or SVG files (XChart): MSD(t) and
 * F_s(k*, t) and chi4(t) per temperature (one species channel, averaged over a temperature's runs), and the Arrhenius
 * plot of tau_alpha against 1/T with the fitted laws of the fits table; after {@code glassworks meso} the elbow curve,
 * g(r) by meso-state, C(r) of the K-means states and the PC map coloured by state; after {@code glassworks reduce}
 * the explained-variance spectrum, the p(PC1, PC2) map and p(PC1) of every species group, and |R|(t) of the propensity
 * fits. Each file is written beside its final name and
 * renamed into place, so an interrupted run never leaves half a figure.
 */
public final class PlotJob {
    /** Figure formats. */
    public static final List<String> FORMATS = List.of("png", "svg");

    /**
     * @param model   model
     * @param species species channel (A, B, ... or all)
     * @param out     output directory
     * @param formats png and/or svg
     */
    public record Options(String model, String species, String out, List<String> formats) {
        public void validate() {
            if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d");
            }
            if (formats.isEmpty() || !FORMATS.containsAll(formats)) {
                throw new IllegalArgumentException("--format " + formats + ": choose from " + FORMATS);
            }
            if (out == null || out.isBlank()) {
                throw new IllegalArgumentException("--out needs a directory, e.g. --out plots");
            }
        }
    }

    private final Options options;
    private final Warehouse warehouse;

    public PlotJob(Options options, Warehouse warehouse) {
        this.options = options;
        this.warehouse = warehouse;
    }

    public void validate() {
        options.validate();
        if (!warehouse.exists(warehouse.partition(glassworks.schema.tables.ObservablesTable.SCHEMA, options.model()))
                && !meso() && !reduced()) {
            throw new IllegalArgumentException("no observables, meso-states or reductions of model " + options.model()
                    + " in " + warehouse.root() + "; run `glassworks dynamics`, `glassworks meso` or `glassworks reduce` "
                    + "first");
        }
    }

    /** Writes the figures; returns the files written. */
    public List<Path> run(SparkSession spark, PrintStream log) {
        validate();
        warehouse.registerViews(spark);
        List<Path> written = new ArrayList<>();
        String sp = options.species().replace("'", "''");
        String m = options.model().replace("'", "''");
        written.addAll(curves(spark, "msd", "t [tau]", "MSD [sigma^2]", true, m, sp));
        written.addAll(curves(spark, "fs", "t [tau]", "F_s(k*, t)", false, m, sp));
        written.addAll(curves(spark, "chi4", "t [tau]", "chi_4(t)", false, m, sp));
        written.addAll(arrhenius(spark, m, sp));
        if (meso()) {
            written.addAll(elbow(spark, m));
            written.addAll(mesoGr(spark, m));
            written.addAll(mesoCr(spark, m));
            written.addAll(mesoPcMap(spark, m));
            written.addAll(mesoCrT(spark, m));
            written.addAll(domainGrowth(spark, m));
        }
        if (reduced()) {
            written.addAll(reduction(spark, m));
        }
        for (Path p : written) {
            log.println("  " + p);
        }
        return written;
    }

    /** One curve per temperature of an observable, averaged over the temperature's runs, log t axis. */
    private List<Path> curves(SparkSession spark, String observable, String xLabel, String yLabel, boolean logY,
                              String model, String species) {
        List<Row> rows = spark.sql("SELECT T, lag_time, avg(value) FROM observables WHERE model = '" + model
                + "' AND observable = '" + observable + "' AND species = '" + species + "' AND lag_time > 0 "
                + "GROUP BY T, lag_time ORDER BY T DESC, lag_time").collectAsList();
        if (rows.isEmpty()) {
            return List.of();
        }
        XYChart chart = new XYChartBuilder().width(800).height(600).title(observable + " of " + model + " (" + species + ")")
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        Map<Double, List<double[]>> byT = new LinkedHashMap<>();
        for (Row r : rows) {
            double v = r.getDouble(2);
            if (Double.isFinite(v) && (!logY || v > 0)) {
                byT.computeIfAbsent(r.getDouble(0), k -> new ArrayList<>()).add(new double[]{r.getDouble(1), v});
            }
        }
        return saveSeries(chart, byT, observable);
    }

    private boolean meso() {
        return warehouse.exists(warehouse.partition(glassworks.schema.tables.ClusteringTable.SCHEMA, options.model()));
    }

    /** The elbow test: K-means within-cluster sum of squares against K, one curve per temperature. */
    private List<Path> elbow(SparkSession spark, String model) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title("elbow test of " + model + " (meso)")
                .xAxisTitle("K").yAxisTitle("K-means WSS (PC space)").build();
        Map<Double, List<double[]>> byT = new java.util.TreeMap<>();
        for (Row r : spark.sql("SELECT T, k, wss FROM clustering WHERE model = '" + model + "' AND analysis = 'meso' "
                + "ORDER BY T, k").collectAsList()) {
            byT.computeIfAbsent(r.getDouble(0), t -> new ArrayList<>()).add(new double[]{r.getInt(1), r.getDouble(2)});
        }
        return byT.isEmpty() ? List.of() : saveSeries(chart, byT, "elbow");
    }

    /** g(r) around each meso-state's particles (they add up to the total) at the lowest classified temperature. */
    private List<Path> mesoGr(SparkSession spark, String model) {
        List<Row> rows = spark.sql("SELECT quantity, state, x, value FROM meso_profiles WHERE model = '" + model
                + "' AND quantity IN ('g_r', 'g_r_total') AND T = (SELECT min(T) FROM meso_profiles WHERE model = '"
                + model + "' AND quantity = 'g_r') ORDER BY quantity, state, x").collectAsList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Row r : rows) {
            String name = r.getString(0).equals("g_r_total") ? "total" : "state " + r.getInt(1);
            curves.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[]{r.getDouble(2), r.getDouble(3)});
        }
        XYChart chart = new XYChartBuilder().width(800).height(600).title("g(r) by meso-state, " + model
                + " (lowest T)").xAxisTitle("r [sigma]").yAxisTitle("g(r), population-weighted").build();
        return saveCurves(chart, curves, "meso_gr", false);
    }

    /** Connected C(r) of the K-means state field, averaged over frames, one curve per temperature. */
    private List<Path> mesoCr(SparkSession spark, String model) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title("C(r) of the K-means states, " + model)
                .xAxisTitle("r [sigma]").yAxisTitle("connected C(r)").build();
        Map<Double, List<double[]>> byT = new java.util.TreeMap<>();
        for (Row r : spark.sql("SELECT T, x, avg(value) FROM meso_profiles WHERE model = '" + model + "' AND quantity = "
                + "'c_r_kmeans' GROUP BY T, x ORDER BY T, x").collectAsList()) {
            byT.computeIfAbsent(r.getDouble(0), t -> new ArrayList<>()).add(new double[]{r.getDouble(1), r.getDouble(2)});
        }
        return byT.isEmpty() ? List.of() : saveSeries(chart, byT, "meso_c_r");
    }

    /** Points per meso-state in the PC map (seed 002's Fig. 4 shows 3000 points per system). */
    static final int MAP_POINTS = 3000;

    /**
     * PC1 against PC2 of a seeded sample of the particles of the lowest classified temperature, one colour per final
     * meso-state (about {@value #MAP_POINTS} points per state).
     */
    private List<Path> mesoPcMap(SparkSession spark, String model) {
        String lowest = "(SELECT min(T) FROM meso_states WHERE model = '" + model + "')";
        List<Row> counts = spark.sql("SELECT state, count(*) FROM meso_states WHERE model = '" + model + "' AND T = "
                + lowest + " GROUP BY state ORDER BY state").collectAsList();
        if (counts.isEmpty()) {
            return List.of();
        }
        // where co-learning left one state, the K-means states are the only split of PC space to show
        boolean oneState = counts.size() < 2;
        String column = oneState ? "kmeans_state" : "state";
        if (oneState) {
            counts = spark.sql("SELECT kmeans_state, count(*) FROM meso_states WHERE model = '" + model + "' AND T = "
                    + lowest + " GROUP BY kmeans_state ORDER BY kmeans_state").collectAsList();
        }
        XYChart chart = new XYChartBuilder().width(800).height(600).title("PC map by " + (column.equals("state")
                ? "meso-state" : "K-means state (co-learning left one state)") + ", " + model + " (lowest T)")
                .xAxisTitle("PC1").yAxisTitle("PC2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        for (Row c : counts) {
            int state = c.getInt(0);
            double fraction = Math.min(1.0, (double) MAP_POINTS / c.getLong(1));
            List<Row> pts = spark.sql("SELECT pc FROM meso_states WHERE model = '" + model + "' AND " + column + " = "
                    + state + " AND T = " + lowest + " AND rand(7) < " + fraction).collectAsList();
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                org.apache.spark.ml.linalg.Vector v = (org.apache.spark.ml.linalg.Vector) pts.get(i).get(0);
                x[i] = v.apply(0);
                y[i] = v.size() > 1 ? v.apply(1) : 0;
            }
            if (x.length > 0) {
                chart.addSeries((column.equals("state") ? "state " : "K-means state ") + state, x, y);
            }
        }
        return chart.getSeriesMap().isEmpty() ? List.of() : save(chart, "meso_pc_map");
    }

    /**
     * The equal-time C(r, t) of the state field frame by frame at the lowest classified temperature (one run): of the
     * co-learned states where every frame has them, else of the K-means states (the title says which).
     */
    private List<Path> mesoCrT(SparkSession spark, String model) {
        String lowest = "(SELECT min(T) FROM meso_profiles WHERE model = '" + model + "' AND quantity = 'c_r_kmeans')";
        String run = "(SELECT min(run_id) FROM meso_profiles WHERE model = '" + model + "' AND quantity = 'c_r_kmeans' AND "
                + "T = " + lowest + ")";
        List<Row> counts = spark.sql("SELECT quantity, count(DISTINCT frame) FROM meso_profiles WHERE model = '" + model
                + "' AND quantity IN ('c_r', 'c_r_kmeans') AND T = " + lowest + " AND run_id = " + run
                + " GROUP BY quantity").collectAsList();
        if (counts.isEmpty()) {
            return List.of();
        }
        Map<String, Long> frames = new LinkedHashMap<>();
        counts.forEach(r -> frames.put(r.getString(0), r.getLong(1)));
        String q = frames.getOrDefault("c_r", 0L) >= frames.getOrDefault("c_r_kmeans", 0L) ? "c_r" : "c_r_kmeans";
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT frame, x, value FROM meso_profiles WHERE model = '" + model + "' AND quantity = '"
                + q + "' AND T = " + lowest + " AND run_id = " + run + " ORDER BY frame, x").collectAsList()) {
            curves.computeIfAbsent("frame " + r.getInt(0), k -> new ArrayList<>())
                    .add(new double[]{r.getDouble(1), r.getDouble(2)});
        }
        XYChart chart = new XYChartBuilder().width(800).height(600).title("C(r, t) of the " + (q.equals("c_r")
                ? "meso-states" : "K-means states") + ", " + model + " (lowest T, one run)").xAxisTitle("r [sigma]")
                .yAxisTitle("connected C(r)").build();
        return saveCurves(chart, curves, "meso_c_r_t", false);
    }

    /**
     * Domain length L(t) (zero crossing of C(r)) against frame time per temperature, co-learned and K-means states,
     * log-log (seed 000 Fig. 8d: L ~ t^{1/3}); frames at t = 0 are left out of the log axis.
     */
    private List<Path> domainGrowth(SparkSession spark, String model) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT quantity, T, x, avg(value) FROM meso_profiles WHERE model = '" + model + "' AND "
                + "quantity IN ('domain_length', 'domain_length_kmeans') AND x > 0 AND value > 0 GROUP BY quantity, T, x "
                + "ORDER BY quantity, T, x").collectAsList()) {
            String label = (r.getString(0).equals("domain_length") ? "meso-states" : "K-means") + ", T = "
                    + ParquetTables.partitionValue(r.getDouble(1));
            curves.computeIfAbsent(label, k -> new ArrayList<>()).add(new double[]{r.getDouble(2), r.getDouble(3)});
        }
        if (curves.isEmpty()) {
            return List.of();
        }
        XYChart chart = new XYChartBuilder().width(800).height(600).title("domain length L(t), " + model)
                .xAxisTitle("t [tau] (frame time)").yAxisTitle("L [sigma]").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        return saveCurves(chart, curves, "domain_growth", true);
    }

    private boolean reduced() {
        return warehouse.exists(warehouse.partition(glassworks.schema.tables.PcMapsTable.SCHEMA, options.model()));
    }

    /**
     * Per reduce analysis: the explained-variance spectrum and p(PC1) of every (T, species group), the p(PC1, PC2) map
     * of each, and |R|(t) of the propensity fits (PC1, PC2, the PCR, the full descriptor, the measures).
     */
    private List<Path> reduction(SparkSession spark, String model) {
        List<Path> out = new ArrayList<>();
        List<String> analyses = spark.sql("SELECT DISTINCT analysis FROM pc_maps WHERE model = '" + model + "' ORDER BY "
                + "analysis").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        for (String a : analyses) {
            String an = a.replace("'", "''");
            String where = "model = '" + model + "' AND analysis = '" + an + "'";
            Map<String, List<double[]>> evr = new LinkedHashMap<>();
            for (Row r : spark.sql("SELECT T, species_group, component, explained_variance_ratio FROM pca WHERE " + where
                    + " ORDER BY T, species_group, component").collectAsList()) {
                evr.computeIfAbsent(groupLabel(r.getDouble(0), r.getString(1)), k -> new ArrayList<>())
                        .add(new double[]{r.getInt(2), r.getDouble(3)});
            }
            XYChart spectrum = new XYChartBuilder().width(800).height(600).title("explained variance, " + a + " ("
                    + model + ")").xAxisTitle("component").yAxisTitle("explained variance ratio").build();
            spectrum.getStyler().setYAxisLogarithmic(true);
            out.addAll(saveCurves(spectrum, evr, "evr_" + a, true));
            Map<String, List<double[]>> pc1 = new LinkedHashMap<>();
            for (Row r : spark.sql("SELECT T, species_group, x, density FROM pc_maps WHERE " + where + " AND component_x = 1 "
                    + "AND component_y = 0 ORDER BY T, species_group, x").collectAsList()) {
                pc1.computeIfAbsent(groupLabel(r.getDouble(0), r.getString(1)), k -> new ArrayList<>())
                        .add(new double[]{r.getDouble(2), r.getDouble(3)});
            }
            XYChart marginal = new XYChartBuilder().width(800).height(600).title("p(PC1), " + a + " (" + model + ")")
                    .xAxisTitle("PC1").yAxisTitle("density").build();
            out.addAll(saveCurves(marginal, pc1, "pc1_" + a, false));
            List<Row> groups = spark.sql("SELECT DISTINCT T, species_group FROM pc_maps WHERE " + where + " AND component_y "
                    + "= 2 ORDER BY T, species_group").collectAsList();
            for (Row g : groups) {
                out.addAll(heatMap(spark, where, a, g.getDouble(0), g.getString(1)));
            }
            if (warehouse.exists(warehouse.partition(glassworks.schema.tables.PropensityRegressionTable.SCHEMA,
                    options.model()))) {
                Map<String, List<double[]>> fits = new LinkedHashMap<>();
                for (Row r : spark.sql("SELECT T, species_group, feature_set, span, abs(pearson_r) FROM "
                        + "propensity_regression WHERE " + where + " AND (feature_set IN ('PC1', 'PC2', 'full', "
                        + "'measures') OR feature_set LIKE 'pcr%') ORDER BY T, species_group, feature_set, span")
                        .collectAsList()) {
                    fits.computeIfAbsent(groupLabel(r.getDouble(0), r.getString(1)) + " " + r.getString(2),
                            k -> new ArrayList<>()).add(new double[]{r.getDouble(3), r.getDouble(4)});
                }
                if (!fits.isEmpty()) {
                    XYChart chart = new XYChartBuilder().width(800).height(600).title("|R| of propensity fits, " + a
                            + " (" + model + ")").xAxisTitle("t [tau]").yAxisTitle("|R|").build();
                    chart.getStyler().setXAxisLogarithmic(true);
                    out.addAll(saveCurves(chart, fits, "propensity_r_" + a, true));
                }
            }
        }
        return out;
    }

    private static String groupLabel(double t, String group) {
        return group + ", T = " + ParquetTables.partitionValue(t);
    }

    /** The joint density p(PC1, PC2) of one species group as a heat map. */
    private List<Path> heatMap(SparkSession spark, String where, String analysis, double t, String group) {
        List<Row> rows = spark.sql("SELECT x, y, density FROM pc_maps WHERE " + where + " AND T = " + t + " AND "
                + "species_group = '" + group.replace("'", "''") + "' AND component_y = 2 ORDER BY x, y").collectAsList();
        java.util.TreeMap<Double, Integer> xs = new java.util.TreeMap<>();
        java.util.TreeMap<Double, Integer> ys = new java.util.TreeMap<>();
        rows.forEach(r -> {
            xs.putIfAbsent(r.getDouble(0), 0);
            ys.putIfAbsent(r.getDouble(1), 0);
        });
        int i = 0;
        for (Map.Entry<Double, Integer> e : xs.entrySet()) {
            e.setValue(i++);
        }
        i = 0;
        for (Map.Entry<Double, Integer> e : ys.entrySet()) {
            e.setValue(i++);
        }
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (Row r : rows) {
            cells.add(new Number[]{xs.get(r.getDouble(0)), ys.get(r.getDouble(1)), r.getDouble(2)});
            max = Math.max(max, r.getDouble(2));
        }
        String name = "pcmap_" + analysis + "_" + group + "_T" + ParquetTables.partitionValue(t);
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700).title("p(PC1, PC2) (density), " + analysis + ", "
                + groupLabel(t, group)).xAxisTitle("PC1").yAxisTitle("PC2").build();
        chart.getStyler().setXAxisMaxLabelCount(8);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setMin(0).setMax(max > 0 ? max : 1);
        chart.getStyler().setHeatMapValueDecimalPattern("0.###");
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.3g", v)); // the legend
        chart.getStyler().setRangeColors(new java.awt.Color[]{java.awt.Color.WHITE, new java.awt.Color(70, 130, 180),
                new java.awt.Color(20, 20, 90)});
        chart.addSeries("density", new ArrayList<>(xs.keySet()), new ArrayList<>(ys.keySet()), cells);
        return save(chart, name);
    }

    /** One line (with markers when {@code markers}) per key, saved as {@code name}. */
    private List<Path> saveCurves(XYChart chart, Map<String, List<double[]>> curves, String name, boolean markers) {
        if (curves.isEmpty()) {
            return List.of();
        }
        curves.forEach((label, pts) -> chart.addSeries(label, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()).setMarker(markers ? SeriesMarkers.CIRCLE
                : SeriesMarkers.NONE));
        return save(chart, name);
    }

    /** One curve per temperature, in the map's order, saved as {@code name}. */
    private List<Path> saveSeries(XYChart chart, Map<Double, List<double[]>> byT, String name) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        byT.forEach((t, pts) -> curves.put("T = " + ParquetTables.partitionValue(t), pts));
        return saveCurves(chart, curves, name, true);
    }

    /** ln tau_alpha against 1/T with the fitted Arrhenius and VFT curves. */
    private List<Path> arrhenius(SparkSession spark, String model, String species) {
        List<Row> tau = spark.sql("SELECT T, value FROM timescales WHERE model = '" + model + "' AND run_id = 'all' AND "
                + "quantity = 'tau_alpha' AND species = '" + species + "' ORDER BY T").collectAsList();
        if (tau.size() < 2) {
            return List.of();
        }
        double[] x = tau.stream().mapToDouble(r -> 1 / r.getDouble(0)).toArray();
        double[] y = tau.stream().mapToDouble(r -> r.getDouble(1)).toArray();
        XYChart chart = new XYChartBuilder().width(800).height(600).title("tau_alpha of " + model + " (" + species + ")")
                .xAxisTitle("1/T").yAxisTitle("tau_alpha [tau]").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.addSeries("measured", x, y).setMarker(SeriesMarkers.CIRCLE);
        double lo = java.util.Arrays.stream(x).min().orElseThrow();
        double hi = java.util.Arrays.stream(x).max().orElseThrow();
        Map<String, Map<String, Double>> laws = new LinkedHashMap<>();
        if (warehouse.exists(warehouse.partition(glassworks.schema.tables.FitsTable.SCHEMA, options.model()))) {
            for (Row r : spark.sql("SELECT law, parameter, value FROM fits WHERE model = '" + model + "' AND quantity = "
                    + "'tau_alpha' AND species = '" + species + "' AND converged AND law IN ('arrhenius', 'vft')")
                    .collectAsList()) {
                laws.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).put(r.getString(1), r.getDouble(2));
            }
        }
        laws.forEach((law, p) -> {
            int k = 50;
            double[] fx = new double[k];
            double[] fy = new double[k];
            for (int i = 0; i < k; i++) {
                double invT = lo + (hi - lo) * i / (k - 1);
                double t = 1 / invT;
                fx[i] = invT;
                fy[i] = law.equals("arrhenius") ? Math.exp(p.get("ln_tau0") + p.get("E") / t)
                        : Math.exp(p.get("ln_tau0") + p.get("D") * p.get("T0") / (t - p.get("T0")));
            }
            chart.addSeries(law + " fit", fx, fy).setMarker(SeriesMarkers.NONE);
        });
        return save(chart, "arrhenius");
    }

    private List<Path> save(Chart<?, ?> chart, String name) {
        List<Path> out = new ArrayList<>();
        try {
            Path dir = Path.of(options.out());
            Files.createDirectories(dir);
            for (String f : options.formats()) {
                Path target = dir.resolve(name + "." + f);
                Path tmp = dir.resolve("." + name + ".tmp");
                String base = tmp.toString();
                if (f.equals("png")) {
                    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
                    Files.move(Path.of(base + ".png"), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } else {
                    VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                    Files.move(Path.of(base + ".svg"), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
                out.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write plot " + name + ": " + e.getMessage(), e);
        }
        return out;
    }

    static String describe(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
