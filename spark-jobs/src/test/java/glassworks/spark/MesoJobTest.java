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
 * recorded, the states' g(r) add up to the total, and the tables answer SQL. The second pass per run: core flags agree
 * with the states over the frames, the D of core and of all particles equal an Einstein fit recomputed in SQL from the
 * frames table, domain tracks are one domain per analysed frame over consecutive frames, continue their best-overlap
 * domain, and their population rows equal the domains table's sizes. Missing descriptors and existing output are
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
        assertTrue(text.contains("PCA keeps") && text.contains("lowest BIC") && text.contains("frame(s) classified")
                && text.contains("core particles") && text.contains("domain track(s)"), text);
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
    void coreFlagsFollowTheStatesAndTheirDiffusionIsTheEinsteinFitOfTheFrames(SparkSession spark) {
        // with the default cutoff both K-means states of this small liquid percolate and co-learning merges them (every
        // particle core, one domain per frame: nothing to test); a bond cutoff below the contact distance keeps the
        // domains small, so two states survive, states flip between frames and domains split, merge and vanish
        new MesoJob(new MesoOptions("ka3d", List.of(), List.of(), "wcn-avg", 0.95, 20, 2, 3, 0.9, 1e-3, 20, false, 1,
                4.0, 40, 7, true), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        // core: one flag per particle over the run, true exactly when its state never changes
        List<Row> flags = spark.sql("SELECT run_id, particle, min(CAST(core AS INT)), max(CAST(core AS INT)), "
                + "count(DISTINCT state) FROM meso_states GROUP BY run_id, particle").collectAsList();
        assertEquals(N, flags.size());
        long core = 0;
        for (Row r : flags) {
            assertEquals(r.getInt(2), r.getInt(3), "one core flag per particle " + r.getInt(1));
            assertEquals(r.getLong(4) == 1 ? 1 : 0, r.getInt(2), "core iff one state, particle " + r.getInt(1));
            core += r.getInt(2);
        }
        assertTrue(core > 0 && core < N, "some particles core, some not: " + core);
        assertEquals((double) core / N, spark.sql("SELECT value FROM meso_profiles WHERE quantity = 'core_fraction' "
                + "AND state = -1 AND x = -1").first().getDouble(0), 1e-12);
        // every D, MSD and fraction finite and >= 0; D errors finite where given
        assertEquals(0L, spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity IN ('core_fraction', 'core_msd', "
                + "'state_msd', 'core_diffusion', 'state_diffusion', 'domain_diffusion') AND (isnan(value) OR value < 0 "
                + "OR (error IS NOT NULL AND (isnan(error) OR error < 0)))").first().getLong(0));
        assertTrue(spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity = 'state_diffusion'").first()
                .getLong(0) > 0);
        // D of all particles and of the core ones, recomputed from the frames table: MSD per lag from the first
        // analysed frame, slope through the origin / 6
        String first = "(SELECT min(frame) FROM meso_states)";
        for (String set : new String[] {"state_diffusion", "core_diffusion"}) {
            String members = set.equals("core_diffusion") ? " AND f0.particle IN (SELECT particle FROM meso_states "
                    + "WHERE core AND frame = " + first + ")" : "";
            if (set.equals("core_diffusion") && core == 0) {
                continue;
            }
            List<Row> msd = spark.sql("SELECT f.time - f0.time, avg(pow(f.x - f0.x, 2) + pow(f.y - f0.y, 2) + "
                    + "pow(f.z - f0.z, 2)) FROM frames f JOIN frames f0 ON f.run = f0.run AND f.particle = f0.particle "
                    + "WHERE f0.frame = " + first + " AND f.frame > f0.frame AND f.frame IN (SELECT DISTINCT frame FROM "
                    + "meso_states)" + members + " GROUP BY f.time - f0.time ORDER BY 1").collectAsList();
            assertEquals(3, msd.size(), "3 lags after the first of 4 frames");
            double sty = 0;
            double stt = 0;
            for (Row r : msd) {
                sty += r.getDouble(0) * r.getDouble(1);
                stt += r.getDouble(0) * r.getDouble(0);
            }
            double d = spark.sql("SELECT value FROM meso_profiles WHERE quantity = '" + set + "' AND state = -1 AND "
                    + "x = -1").first().getDouble(0);
            assertEquals(sty / (6 * stt), d, 1e-9 * d, set);
            assertTrue(d > 0, set);
        }
        List<Row> msdRows = spark.sql("SELECT x, value FROM meso_profiles WHERE quantity = 'state_msd' AND state = -1 "
                + "ORDER BY x").collectAsList();
        assertEquals(3, msdRows.size());
        assertTrue(msdRows.get(2).getDouble(1) > msdRows.get(0).getDouble(1), "a liquid's MSD grows");
        // domain_diffusion: only domains with enough core particles of the first frame, keyed by their id and state
        assertEquals(0L, spark.sql("SELECT count(*) FROM meso_profiles p LEFT JOIN domains d ON p.run_id = d.run_id AND "
                + "p.frame = d.frame AND CAST(p.x AS INT) = d.domain AND p.state = d.state WHERE p.quantity = "
                + "'domain_diffusion' AND (d.domain IS NULL OR p.frame <> " + first + ")").first().getLong(0));
        long largeCoreDomains = spark.sql("SELECT count(*) FROM (SELECT domain FROM meso_states WHERE core AND frame = "
                + first + " GROUP BY domain HAVING count(*) >= " + MesoOptions.DOMAIN_DIFFUSION_MIN_CORE + ")").first()
                .getLong(0);
        assertTrue(largeCoreDomains > 0, "some domain holds enough core particles");
        assertEquals(largeCoreDomains, spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity = "
                + "'domain_diffusion'").first().getLong(0));
    }

    @Test
    @Order(3)
    void domainTracksContinueTheirBestOverlapAndCarryTheDomainsSizes(SparkSession spark) {
        warehouse.registerViews(spark);
        assertEquals(0L, spark.sql("SELECT count(*) FROM domains WHERE track < 0").first().getLong(0));
        // one domain per track per frame, one state per track
        assertEquals(0L, spark.sql("SELECT count(*) FROM (SELECT run_id, track, frame FROM domains GROUP BY run_id, "
                + "track, frame HAVING count(*) > 1)").first().getLong(0));
        assertEquals(0L, spark.sql("SELECT count(*) FROM (SELECT run_id, track FROM domains GROUP BY run_id, track "
                + "HAVING count(DISTINCT state) > 1)").first().getLong(0));
        // a track lives in consecutive analysed frames
        spark.sql("SELECT d.*, dense_rank() OVER (PARTITION BY run_id ORDER BY frame) AS fi FROM domains d")
                .createOrReplaceTempView("ranked");
        assertEquals(0L, spark.sql("SELECT count(*) FROM (SELECT run_id, track FROM ranked GROUP BY run_id, track "
                + "HAVING max(fi) - min(fi) + 1 <> count(*))").first().getLong(0));
        // a continued domain shares the most same-state particles with its predecessor among the previous frame's
        spark.sql("SELECT a.run_id, b.frame, b.domain AS c, a.domain AS p, count(*) AS shared FROM (SELECT s.*, r.fi "
                + "FROM meso_states s JOIN (SELECT DISTINCT run_id, frame, fi FROM ranked) r ON s.run_id = r.run_id AND "
                + "s.frame = r.frame) a JOIN (SELECT s.*, r.fi FROM meso_states s JOIN (SELECT DISTINCT run_id, frame, fi "
                + "FROM ranked) r ON s.run_id = r.run_id AND s.frame = r.frame) b ON a.run_id = b.run_id AND a.particle "
                + "= b.particle AND b.fi = a.fi + 1 AND a.state = b.state GROUP BY a.run_id, b.frame, b.domain, "
                + "a.domain").createOrReplaceTempView("overlap");
        List<Row> continued = spark.sql("SELECT cur.frame, cur.domain, o.shared, (SELECT max(shared) FROM overlap m "
                + "WHERE m.run_id = cur.run_id AND m.frame = cur.frame AND m.c = cur.domain) AS best FROM ranked cur "
                + "JOIN ranked prev ON cur.run_id = prev.run_id AND cur.track = prev.track AND cur.fi = prev.fi + 1 "
                + "LEFT JOIN overlap o ON o.run_id = cur.run_id AND o.frame = cur.frame AND o.c = cur.domain AND "
                + "o.p = prev.domain").collectAsList();
        assertTrue(!continued.isEmpty(), "some domain continues over 4 frames 1 tau apart");
        for (Row r : continued) {
            assertTrue(!r.isNullAt(2) && r.getLong(2) > 0, "continued domain " + r.getInt(1) + " of frame "
                    + r.getInt(0) + " shares particles with its predecessor");
            assertEquals(r.getLong(3), r.getLong(2), "and the most of any domain of the previous frame");
        }
        // population rows: one per track, the mean of the domains' sizes, at the track's first frame
        List<Row> population = spark.sql("SELECT t.track, t.n, t.first, t.state, t.mean, t.sd, p.value, p.frame, "
                + "p.state, f.value FROM (SELECT run_id, track, count(*) AS n, min(frame) AS first, min(state) AS state, "
                + "avg(size) AS mean, stddev_samp(size) AS sd FROM domains GROUP BY run_id, track) t LEFT JOIN "
                + "meso_profiles p ON p.quantity = 'domain_population' AND p.run_id = t.run_id AND CAST(p.x AS INT) = "
                + "t.track LEFT JOIN meso_profiles f ON f.quantity = 'domain_population_fluctuation' AND f.run_id = "
                + "t.run_id AND f.x = t.track").collectAsList();
        assertEquals(spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity = 'domain_population'").first()
                .getLong(0), population.size(), "one population row per track");
        int longTracks = 0;
        for (Row r : population) {
            String track = "track " + r.getInt(0);
            assertTrue(!r.isNullAt(6), track);
            assertEquals(r.getDouble(4), r.getDouble(6), 1e-9, track + " mean size");
            assertEquals(r.getInt(2), r.getInt(7), track + " first frame");
            assertEquals(r.getInt(3), r.getInt(8), track + " state");
            if (r.getLong(1) >= MesoOptions.FLUCTUATION_MIN_FRAMES) {
                longTracks++;
                assertEquals(r.getDouble(5) / r.getDouble(4), r.getDouble(9), 1e-9, track + " std / mean");
            } else {
                assertTrue(r.isNullAt(9), track + " too short for a fluctuation");
            }
        }
        assertTrue(longTracks > 0 && population.size() > longTracks, "long and short tracks: " + longTracks + " of "
                + population.size());
        assertEquals(longTracks, spark.sql("SELECT count(*) FROM meso_profiles WHERE quantity = "
                + "'domain_population_fluctuation' AND x >= 0").first().getLong(0));
    }

    @Test
    @Order(4)
    void mesoFiguresAreWritten(SparkSession spark) throws IOException {
        java.nio.file.Path out = Files.createTempDirectory("glassworks-meso-plots");
        List<java.nio.file.Path> files = new PlotJob(new PlotJob.Options("ka3d", "A", out.toString(), List.of("png",
                "svg")), warehouse).run(spark, QUIET);
        for (String name : new String[] {"elbow", "meso_gr", "meso_c_r", "meso_pc_map", "meso_c_r_t",
                "domain_growth"}) {
            assertEquals(800, javax.imageio.ImageIO.read(out.resolve(name + ".png").toFile()).getWidth(), name);
            assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name);
        }
        assertEquals(12, files.size(), "no dynamics in this warehouse: the six meso figures only");
    }

    @Test
    @Order(5)
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
