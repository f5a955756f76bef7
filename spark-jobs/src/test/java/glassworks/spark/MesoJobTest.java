package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.structure.DescriptorCatalog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code glassworks meso} on a small KA liquid (N = 864, T = 0.8, 4 frames, neighbour-averaged WCN over 6 shells): the
 * PCA keeps the fewest components reaching 95 %, the elbow is recorded for K = 1..3, every particle of every frame gets a
 * state and a domain, the domains of a frame hold every particle once, each frame's co-learning iterations are
 * recorded, the states' g(r) add up to the total, and the tables answer SQL. Missing descriptors and existing output are
 * refused before Spark.
 */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MesoJobTest {
    static final int N = 864;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    static Warehouse warehouse;

    static MesoOptions options(boolean overwrite) {
        return new MesoOptions("ka3d", List.of(), List.of(), "wcn-avg", 0.95, 20, 2, 3, 1.45, 1e-3, 20, false, 1, 4.0, 40,
                7, overwrite);
    }

    @BeforeAll
    static void campaign(SparkSession spark) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-meso");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
        // with velocities and per-particle virials, for the pressure profiles
        new SimulateJob(new SimulateOptions(glassworks.md.Models.byName("ka3d"), N, 1.2, List.of(0.8), 1, 0.005,
                StageSpec.twoStages(400, 600, Ensemble.NVT), glassworks.md.FrameSchedule.linear(200),
                glassworks.md.RunConfig.DEFAULT_MAX_FRAMES, 200, 5, 0.5, Double.NaN, Double.NaN, 0.3, true, true, true,
                false, 0, null), warehouse).run(spark, QUIET);
        new DescriptorsJob(new DescriptorsOptions("ka3d", List.of(), List.of(), 1, List.of(new DescriptorCatalog.Request(
                "wcn-avg", "wcn-avg", Map.of("shells", "6"))), "thermal", null, 4, 1, false), warehouse).run(spark, QUIET);
    }

    @Test
    @Order(1)
    void everyParticleGetsAStateAndTheTablesAreConsistent(SparkSession spark) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new MesoJob(options(false), warehouse).run(spark, new PrintStream(log, true));
        String text = log.toString();
        assertTrue(text.contains("PCA keeps") && text.contains("lowest BIC") && text.contains("frame(s) classified"), text);
        warehouse.registerViews(spark);

        List<Row> pca = spark.sql("SELECT component, explained_variance_ratio, cumulative, kept FROM pca ORDER BY component")
                .collectAsList();
        int kept = (int) pca.stream().filter(r -> r.getBoolean(3)).count();
        assertTrue(kept >= 1 && pca.get(kept - 1).getDouble(2) >= 0.95 - 1e-12, "kept components reach 95 %");
        assertTrue(kept == 1 || pca.get(kept - 2).getDouble(2) < 0.95, "and are the fewest that do");
        for (int c = 1; c < pca.size(); c++) {
            assertTrue(pca.get(c).getDouble(1) <= pca.get(c - 1).getDouble(1) + 1e-12, "ratios decrease");
        }

        List<Row> elbow = spark.sql("SELECT k, wss, chosen FROM clustering ORDER BY k").collectAsList();
        assertEquals(3, elbow.size());
        assertTrue(elbow.get(1).getDouble(1) < elbow.get(0).getDouble(1), "WSS falls from K = 1 to 2");
        assertTrue(elbow.get(1).getBoolean(2), "K = 2 chosen");

        assertEquals(4L * N, spark.sql("SELECT count(*) FROM meso_states").first().getLong(0));
        assertEquals(0L, spark.sql("SELECT count(*) FROM meso_states WHERE state NOT IN (0, 1)").first().getLong(0));
        // every particle in exactly one domain of its frame, domain states equal their members'
        List<Row> sizes = spark.sql("SELECT frame, sum(size) FROM domains GROUP BY frame").collectAsList();
        assertEquals(4, sizes.size());
        sizes.forEach(r -> assertEquals(N, r.getLong(1), "domain sizes add up to N in frame " + r.getInt(0)));
        assertEquals(0L, spark.sql("SELECT count(*) FROM meso_states s JOIN domains d ON s.run_id = d.run_id AND "
                + "s.frame = d.frame AND s.domain = d.domain WHERE s.state <> d.state").first().getLong(0));
        assertTrue(spark.sql("SELECT count(DISTINCT frame) FROM meso_iterations").first().getLong(0) == 4);
        // states' g(r) add up to the total in every bin
        List<Row> g = spark.sql("SELECT t.x, t.value, s.total FROM (SELECT x, value FROM meso_profiles WHERE quantity = "
                + "'g_r_total') t JOIN (SELECT x, sum(value) AS total FROM meso_profiles WHERE quantity = 'g_r' GROUP BY x)"
                + " s ON t.x = s.x").collectAsList();
        assertEquals(40, g.size());
        g.forEach(r -> assertEquals(r.getDouble(1), r.getDouble(2), 1e-9, "g(r) at r = " + r.getDouble(0)));
        double fractions = spark.sql("SELECT sum(value) FROM meso_profiles WHERE quantity = 'fraction' AND x = -1")
                .first().getDouble(0);
        assertEquals(1.0, fractions, 1e-12, "state populations add up to 1");
        assertTrue(spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity LIKE 'hist_%'").first().getLong(0) > 0);
        // pressure profile about a compact domain: the shells' mean pressure is the system's, within noise
        // (a frame gets one when some domain does not span the box; in a small liquid both states may percolate)
        long compact = spark.sql("SELECT count(DISTINCT frame) FROM domains WHERE NOT spans_box").first().getLong(0);
        List<Row> pn = spark.sql("SELECT x, value FROM meso_profiles WHERE quantity = 'p_normal' ORDER BY x")
                .collectAsList();
        assertEquals(compact > 0 ? 40 : 0, pn.size(), "normal pressure per shell where a compact domain exists");
        if (compact == 0) {
            return;
        }
        double thermoP = spark.sql("SELECT avg(pressure) FROM thermo WHERE phase = 'production'").first().getDouble(0);
        double outer = spark.sql("SELECT avg(value) FROM meso_profiles WHERE quantity IN ('p_normal', 'p_tangential') "
                + "AND x > 2.5").first().getDouble(0);
        assertEquals(thermoP, outer, 0.5 * Math.abs(thermoP) + 0.5, "outer shells' pressure ~ the system's " + thermoP);
    }

    @Test
    @Order(2)
    void elbowStateGrAndCorrelationFiguresAreWritten(SparkSession spark) throws IOException {
        java.nio.file.Path out = Files.createTempDirectory("glassworks-meso-plots");
        List<java.nio.file.Path> files = new PlotJob(new PlotJob.Options("ka3d", "A", out.toString(), List.of("png",
                "svg")), warehouse).run(spark, QUIET);
        for (String name : new String[] {"elbow", "meso_gr", "meso_c_r"}) {
            assertEquals(800, javax.imageio.ImageIO.read(out.resolve(name + ".png").toFile()).getWidth(), name);
            assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name);
        }
        assertEquals(6, files.size(), "no dynamics in this warehouse: the three meso figures only");
    }

    @Test
    @Order(3)
    void missingDescriptorsAndExistingOutputAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MesoJob(options(false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        MesoOptions other = new MesoOptions("ka3d", List.of(0.8), List.of(), "bo", 0.95, 20, 2, 3, 1.45, 1e-3, 20, false,
                1, 4.0, 40, 7, true);
        e = assertThrows(IllegalArgumentException.class, () -> new MesoJob(other, warehouse).validate());
        assertTrue(e.getMessage().contains("glassworks descriptors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MesoOptions("ka3d", List.of(), List.of(), "wcn-avg",
                1.5, 20, 2, 3, 1.45, 1e-3, 20, false, 1, 4.0, 40, 7, true).validate());
        assertTrue(e.getMessage().contains("--variance"), e.getMessage());
    }
}
