package glassworks.spark;

import glassworks.md.io.ParquetTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
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
 * plot of tau_alpha against 1/T with the fitted laws of the fits table. Each file is written beside its final name and
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
                && !meso()) {
            throw new IllegalArgumentException("no observables or meso-states of model " + options.model() + " in "
                    + warehouse.root() + "; run `glassworks dynamics` or `glassworks meso` first");
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
        curves.forEach((name, pts) -> chart.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.NONE));
        return save(chart, "meso_gr");
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

    /** One curve per temperature, in the map's order, saved as {@code name}. */
    private List<Path> saveSeries(XYChart chart, Map<Double, List<double[]>> byT, String name) {
        byT.forEach((t, pts) -> chart.addSeries("T = " + ParquetTables.partitionValue(t), pts.stream()
                .mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray())
                .setMarker(SeriesMarkers.CIRCLE));
        return save(chart, name);
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

    private List<Path> save(XYChart chart, String name) {
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
