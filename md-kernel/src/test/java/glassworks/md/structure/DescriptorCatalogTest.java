package glassworks.md.structure;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.schema.tables.ThermoTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every family of the catalog builds from its defaults on a Kob-Andersen liquid with parameters resolved from that
 * liquid's g(r), with the papers' vector lengths and finite values; bad requests are refused with messages naming the
 * set, the key and the fix; parameters change fingerprints.
 */
class DescriptorCatalogTest {
    static final PairModel KA = Models.byName("ka3d");
    static FrameView liquid;
    static StructureReference reference;

    /** N = 5000 at rho = 1.2 (seed 000: box 16.1, room for 12 g(r) features), T = 1.0, 2000 steps from the lattice. */
    @BeforeAll
    static void liquid() throws Exception {
        RunConfig c = new RunConfig("catalog", "ka3d", 5000, 1.2, 1.0, 0.005, 1500, 500, 100, 500, 3, Ensemble.NVT, 0.5, 0.3,
                1, false, true);
        List<FrameView> frames = new ArrayList<>();
        MdRun.run(c, new TrajectorySink() {
            @Override
            public void frame(FrameView f) {
                frames.add(new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species().clone(),
                        f.x().clone(), f.y().clone(), f.z().clone(), f.boxX(), f.boxY(), f.boxZ(), null, null, null,
                        f.potentialEnergy().clone()));
            }

            @Override
            public void thermo(ThermoTable.Row row) {
            }
        });
        liquid = frames.get(frames.size() - 1);
        reference = new StructureReference(KA);
        frames.forEach(reference::add);
    }

    @Test
    void everyFamilyBuildsWithThePapersVectorLengths() {
        int features = DescriptorCatalog.build(new DescriptorCatalog.Request("w", "wcn", Map.of()), KA, 3, reference)
                .featureCount();
        assertTrue(features >= 8 && features <= reference.shellFeatureList().size(),
                "a dense liquid's g(r) shows at least 8 shells within reach of the box, got " + features);
        Map<String, Integer> expected = Map.ofEntries(Map.entry("wcn", features), Map.entry("wcn-avg", features),
                Map.entry("bo", 8),
                Map.entry("sbo", 8), Map.entry("rbo", 40), Map.entry("soap", 189), Map.entry("zu", 2),
                Map.entry("gx", 100), Map.entry("qshell", 35), Map.entry("seed004", 135), Map.entry("seed004-avg", 405));
        for (String family : DescriptorCatalog.families()) {
            if (family.equals("cg")) {
                continue; // 2D (ka2d); below
            }
            Descriptor d = DescriptorCatalog.build(new DescriptorCatalog.Request(family, family, Map.of()), KA, 3, reference);
            assertEquals(expected.get(family), d.featureCount(), family);
            double[] out = d.compute(liquid);
            for (double v : out) {
                assertTrue(Double.isFinite(v), family + " gave a non-finite feature");
            }
        }
    }

    @Test
    void autoParametersComeFromTheLiquidsGofR() {
        double[][] rc = reference.firstMinima();
        // Kob-Andersen at rho 1.2, T = 1: first minima of g_AA ~1.4-1.5, g_AB ~1.3-1.4, g_BB ~1.0-1.25 (B-B rarely touch)
        assertTrue(rc[0][0] > 1.35 && rc[0][0] < 1.6, "r^c_AA " + rc[0][0]);
        assertTrue(rc[0][1] > 1.2 && rc[0][1] < 1.5, "r^c_AB " + rc[0][1]);
        BondOrder bo = (BondOrder) DescriptorCatalog.build(new DescriptorCatalog.Request("bo", "bo", Map.of()), KA, 3,
                reference);
        assertEquals(new BondOrder(rc, 1, 8).fingerprint(), bo.fingerprint());
        double[] shells = reference.shellFeatures(8);
        // read over +-0.1 sigma, the A-B contact shoulder (~0.88) merges into the first shell at the A-A peak (~1.05)
        assertTrue(shells[0] > 0.95 && shells[0] < 1.12, "first shell " + shells[0]);
        assertTrue(shells[1] > 1.3 && shells[1] < 1.5, "first minimum " + shells[1]);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> reference.shellFeatures(40));
        assertTrue(tooMany.getMessage().contains("fewer shells"), tooMany.getMessage());
        for (int k = 1; k < shells.length; k++) {
            assertTrue(shells[k] > shells[k - 1], "shell features increase");
        }
        double second = reference.secondMinimum();
        assertTrue(second > 2.0 && second < 2.7, "second minimum of g(r) " + second);
    }

    @Test
    void parametersChangeFingerprintsAndExplicitValuesNeedNoStructure() {
        DescriptorCatalog.Request plain = new DescriptorCatalog.Request("bo", "bo", Map.of("cutoff", "1.45"));
        DescriptorCatalog.Request more = new DescriptorCatalog.Request("bo", "bo", Map.of("cutoff", "1.45", "l_max", "12"));
        assertTrue(!DescriptorCatalog.needsReference(plain));
        Descriptor a = DescriptorCatalog.build(plain, KA, 3, null);
        Descriptor b = DescriptorCatalog.build(more, KA, 3, null);
        assertEquals(12, b.featureCount());
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertTrue(DescriptorCatalog.needsReference(new DescriptorCatalog.Request("w", "wcn", Map.of())));
    }

    @Test
    void badRequestsAreRefusedNamingSetKeyAndFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalog.check(new DescriptorCatalog.Request("x", "nope", Map.of())));
        assertTrue(e.getMessage().contains("families: wcn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalog.check(new DescriptorCatalog.Request("b", "bo", Map.of("lmax", "8"))));
        assertTrue(e.getMessage().contains("no parameter 'lmax'") && e.getMessage().contains("l_max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalog.check(new DescriptorCatalog.Request("b", "bo", Map.of("l_max", "eight"))));
        assertTrue(e.getMessage().contains("l_max = 'eight' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalog.build(new DescriptorCatalog.Request("b", "bo", Map.of("cutoff", "1.4")),
                        Models.byName("ka2d"), 2, null));
        assertTrue(e.getMessage().contains("3D"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorCatalog.build(new DescriptorCatalog.Request("w", "wcn", Map.of()), KA, 3, null));
        assertTrue(e.getMessage().contains("g(r)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DescriptorCatalog.Request("a/b", "bo", Map.of()));
    }

    @Test
    void coarseGrainedSetOfKa2dHas256Features() {
        PairModel ka2d = Models.byName("ka2d");
        Descriptor cg = DescriptorCatalog.build(new DescriptorCatalog.Request("cg", "cg", Map.of()), ka2d, 2, null);
        assertEquals(256, cg.featureCount());
    }
}
