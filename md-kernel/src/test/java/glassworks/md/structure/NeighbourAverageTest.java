package glassworks.md.structure;

import glassworks.md.FrameView;
import glassworks.md.structure.NeighbourAverage.Weighting;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static glassworks.md.structure.RadialStructureFunctionsTest.AB;
import static glassworks.md.structure.RadialStructureFunctionsTest.assertClose;
import static glassworks.md.structure.RadialStructureFunctionsTest.clusterAndRotated;
import static glassworks.md.structure.RadialStructureFunctionsTest.distance;
import static glassworks.md.structure.RadialStructureFunctionsTest.frame;
import static glassworks.md.structure.RadialStructureFunctionsTest.permuted;
import static glassworks.md.structure.RadialStructureFunctionsTest.randomFrame;
import static glassworks.md.structure.RadialStructureFunctionsTest.randomPermutation;
import static glassworks.md.structure.RadialStructureFunctionsTest.translated;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neighbour averages (Boattini; seed 000's averaged WCNs) against hand-worked numbers and an O(N^2) average, i itself
 * included; {@link Concatenation}'s layout, names, parameters and fingerprint; shared neighbour lists giving the numbers
 * of the parts computed alone; invariances and serialisation of the composite the thesis uses.
 */
class NeighbourAverageTest {

    /** A stand-in child whose features are fixed per-particle values (independent of geometry). */
    static final class Table implements Descriptor {
        private static final long serialVersionUID = 1L;
        final String family;
        final double[][] values; // [particle][feature]
        final double knob;

        Table(String family, double[][] values, double knob) {
            this.family = family;
            this.values = values;
            this.knob = knob;
        }

        @Override
        public String family() {
            return family;
        }

        @Override
        public List<String> featureNames() {
            List<String> n = new ArrayList<>();
            for (int k = 0; k < values[0].length; k++) {
                n.add("t" + k);
            }
            return n;
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = new TreeMap<>();
            p.put("knob", knob);
            return p;
        }

        @Override
        public void compute(FrameView frame, double[] out) {
            int f = values[0].length;
            for (int i = 0; i < frame.n(); i++) {
                System.arraycopy(values[i], 0, out, i * f, f);
            }
        }
    }

    /** Hides a descriptor's neighbour sharing: the same numbers through the plain Descriptor path. */
    static final class Opaque implements Descriptor {
        private static final long serialVersionUID = 1L;
        final Descriptor d;

        Opaque(Descriptor d) {
            this.d = d;
        }

        @Override
        public String family() {
            return d.family();
        }

        @Override
        public List<String> featureNames() {
            return d.featureNames();
        }

        @Override
        public Map<String, Object> parameters() {
            return d.parameters();
        }

        @Override
        public void compute(FrameView frame, double[] out) {
            d.compute(frame, out);
        }
    }

    /** Three particles on a line (gaps 1.0 and 1.5) and one far away, in a box of edge 20. */
    static FrameView line() {
        return frame(3, 20.0, new int[]{0, 1, 0, 1}, new double[]{1.0, 2.0, 3.5, 11.0}, new double[]{1.0, 1.0, 1.0, 11.0},
                new double[]{1.0, 1.0, 1.0, 11.0});
    }

    static final double[][] VALUES = {{1, 10}, {2, 20}, {4, 40}, {8, 80}};

    @Test
    void handWorkedAveragesIncludeTheParticleItself() {
        FrameView f = line();
        Table x = new Table("t", VALUES, 0);
        double rc = 2.0; // pairs 0-1 (1.0) and 1-2 (1.5); 0-2 (2.5) and the far particle are out
        double a = Math.exp(-1.0 / 2.0);
        double b = Math.exp(-1.5 / 2.0);

        // Boattini: exponential weights, i with weight 1, [X0, X1, X2]
        double[] out = NeighbourAverage.boattini(x, rc).compute(f);
        assertEquals(4 * 6, out.length);
        double[] x1 = {
                (1 + a * 2) / (1 + a),
                (2 + a * 1 + b * 4) / (1 + a + b),
                (4 + b * 2) / (1 + b),
                8};
        double[] x2 = {
                (x1[0] + a * x1[1]) / (1 + a),
                (x1[1] + a * x1[0] + b * x1[2]) / (1 + a + b),
                (x1[2] + b * x1[1]) / (1 + b),
                8};
        for (int i = 0; i < 4; i++) {
            assertEquals(VALUES[i][0], out[i * 6], 0.0, "X0 of " + i);
            assertEquals(VALUES[i][1], out[i * 6 + 1], 0.0);
            assertEquals(x1[i], out[i * 6 + 2], 1e-14, "X1 of " + i);
            assertEquals(10 * x1[i], out[i * 6 + 3], 1e-13);
            assertEquals(x2[i], out[i * 6 + 4], 1e-14, "X2 of " + i);
            assertEquals(10 * x2[i], out[i * 6 + 5], 1e-13);
        }

        // seed 000: plain mean over the neighbours and i itself, X1 only
        out = NeighbourAverage.plainMean(x, rc).compute(f);
        assertArrayEquals(new double[]{1.5, 15, 7.0 / 3, 70.0 / 3, 3, 30, 8, 80}, out, 1e-14);

        // without i: the far particle has an empty average and keeps its own value
        out = new NeighbourAverage(x, rc, Weighting.UNIFORM, false, List.of(1, 2)).compute(f);
        double[] u1 = {2, 2.5, 2, 8};
        double[] u2 = {u1[1], (u1[0] + u1[2]) / 2, u1[1], 8};
        for (int i = 0; i < 4; i++) {
            assertEquals(u1[i], out[i * 4], 1e-14, "X1 without self, " + i);
            assertEquals(u2[i], out[i * 4 + 2], 1e-14, "X2 without self, " + i);
        }
    }

    /** O(N^2) minimum-image recursion of the definition. */
    static double[] bruteForce(FrameView f, double[] x0, int fc, double rc, boolean exponential, boolean self,
                               List<Integer> orders) {
        int n = f.n();
        List<double[]> byOrder = new ArrayList<>();
        byOrder.add(x0);
        int max = orders.get(orders.size() - 1);
        for (int o = 1; o <= max; o++) {
            double[] prev = byOrder.get(o - 1);
            double[] next = new double[n * fc];
            for (int i = 0; i < n; i++) {
                double c = 0;
                double[] acc = new double[fc];
                for (int j = 0; j < n; j++) {
                    double d = j == i ? 0 : distance(f, i, j);
                    if ((j == i && !self) || (j != i && !(d < rc))) {
                        continue;
                    }
                    double w = exponential ? Math.exp(-d / rc) : 1;
                    c += w;
                    for (int k = 0; k < fc; k++) {
                        acc[k] += w * prev[j * fc + k];
                    }
                }
                for (int k = 0; k < fc; k++) {
                    next[i * fc + k] = c > 0 ? acc[k] / c : prev[i * fc + k];
                }
            }
            byOrder.add(next);
        }
        int total = fc * orders.size();
        double[] out = new double[n * total];
        for (int b = 0; b < orders.size(); b++) {
            double[] src = byOrder.get(orders.get(b));
            for (int i = 0; i < n; i++) {
                System.arraycopy(src, i * fc, out, i * total + b * fc, fc);
            }
        }
        return out;
    }

    @Test
    void equalsBruteForceAverageOfRealDescriptors3dAnd2d() {
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(dims == 3 ? 250 : 300, dims, 13.0, 2, 20 + dims);
            WeightedCoordination wcn = WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES);
            RadialStructureFunctions gx = new RadialStructureFunctions(AB);
            for (Descriptor child : List.of(wcn, gx)) {
                double[] x0 = child.compute(f);
                int fc = child.featureCount();
                for (boolean exponential : new boolean[]{true, false}) {
                    for (boolean self : new boolean[]{true, false}) {
                        List<Integer> orders = exponential ? List.of(0, 1, 2) : List.of(1, 2);
                        NeighbourAverage avg = new NeighbourAverage(child, 2.3,
                                exponential ? Weighting.EXPONENTIAL : Weighting.UNIFORM, self, orders);
                        assertClose(bruteForce(f, x0, fc, 2.3, exponential, self, orders), avg.compute(f), 1e-12, 1e-12,
                                dims + "D " + avg.family() + " " + avg.parameters());
                    }
                }
            }
        }
    }

    @Test
    void layoutNamesFamilyAndTheThesisFeatureCounts() {
        RadialStructureFunctions gx = new RadialStructureFunctions(AB);
        double[][] q = new double[1][35];
        Table qshell = new Table("qshell", q, 0);
        Concatenation standard = Concatenation.of(gx, qshell);
        assertEquals("gx+qshell", standard.family());
        assertEquals(135, standard.featureCount()); // digest D2
        assertEquals("gx:G_A(0.00)", standard.featureNames().get(0));
        assertEquals("qshell:t0", standard.featureNames().get(100));
        assertEquals(100, standard.offset(1));
        NeighbourAverage higher = NeighbourAverage.boattini(standard, 2.2);
        assertEquals("avg2(gx+qshell)", higher.family());
        assertEquals(405, higher.featureCount()); // digest D2
        assertEquals("gx:G_A(0.00)", higher.featureNames().get(0));
        assertEquals("avg1:gx:G_A(0.00)", higher.featureNames().get(135));
        assertEquals("avg2:qshell:t34", higher.featureNames().get(404));
        NeighbourAverage only = new NeighbourAverage(standard, 2.2, Weighting.EXPONENTIAL, true, List.of(2));
        assertEquals(135, only.featureCount());
        assertEquals("avg2:gx:G_A(0.00)", only.featureNames().get(0));
        NeighbourAverage wcnBar = NeighbourAverage.plainMean(
                WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES), 1.45);
        assertEquals("avg1(wcn)", wcnBar.family());
        assertEquals(12, wcnBar.featureCount());
        assertEquals("avg1:WCN_1(0.950)", wcnBar.featureNames().get(0));
        // duplicated families are numbered
        Concatenation twice = Concatenation.of(gx, new RadialStructureFunctions(AB, 0.3, 0.0, 0.1, 50, 7.5));
        assertEquals("gx#1:G_A(0.00)", twice.featureNames().get(0));
        assertEquals("gx#2:G_A(0.00)", twice.featureNames().get(100));
        assertEquals(0.3, twice.parameters().get("gx#2.delta"));
    }

    @Test
    void concatenationPutsPartsSideBySideAndFingerprintsFollowEveryPart() {
        FrameView f = randomFrame(200, 3, 13.0, 2, 4);
        RadialStructureFunctions gx = new RadialStructureFunctions(AB);
        WeightedCoordination wcn = WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES);
        double[][] t = new double[200][3];
        for (int i = 0; i < 200; i++) {
            t[i] = new double[]{i, -i, 0.5 * i};
        }
        Table table = new Table("t", t, 1);
        Concatenation c = Concatenation.of(gx, table, wcn);
        assertEquals(115, c.featureCount());
        double[] out = c.compute(f);
        double[] a = gx.compute(f);
        double[] b = wcn.compute(f);
        for (int i = 0; i < f.n(); i++) {
            for (int k = 0; k < 100; k++) {
                assertEquals(a[i * 100 + k], out[i * 115 + k], 0.0);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(t[i][k], out[i * 115 + 100 + k], 0.0);
            }
            for (int k = 0; k < 12; k++) {
                assertEquals(b[i * 12 + k], out[i * 115 + 103 + k], 0.0);
            }
        }
        Map<String, Object> p = c.parameters();
        assertEquals("gx", p.get("gx.family"));
        assertEquals(0.2, p.get("gx.delta"));
        assertEquals(1.0, p.get("t.knob"));
        assertEquals("peak", p.get("wcn.normalisation"));

        String base = c.fingerprint();
        assertEquals(base, Concatenation.of(new RadialStructureFunctions(AB), new Table("t", t, 1),
                WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES)).fingerprint());
        assertNotEquals(base, Concatenation.of(new RadialStructureFunctions(AB, 0.25, 0.0, 0.1, 50, 7.5), table, wcn)
                .fingerprint(), "gx delta changed");
        assertNotEquals(base, Concatenation.of(gx, new Table("t", t, 2), wcn).fingerprint(), "table knob changed");
        assertNotEquals(base, Concatenation.of(wcn, table, gx).fingerprint(), "order changed");
        // and through the average
        NeighbourAverage avg = NeighbourAverage.boattini(c, 2.2);
        assertEquals("gx", avg.parameters().get("child.gx.family"));
        assertNotEquals(avg.fingerprint(), NeighbourAverage.boattini(
                Concatenation.of(new RadialStructureFunctions(AB, 0.25, 0.0, 0.1, 50, 7.5), table, wcn), 2.2)
                .fingerprint());
        assertNotEquals(avg.fingerprint(), NeighbourAverage.boattini(c, 2.3).fingerprint());
        assertNotEquals(avg.fingerprint(), new NeighbourAverage(c, 2.2, Weighting.EXPONENTIAL, false,
                NeighbourAverage.BOATTINI_ORDERS).fingerprint());
        assertNotEquals(avg.fingerprint(), new NeighbourAverage(c, 2.2, Weighting.UNIFORM, true,
                NeighbourAverage.BOATTINI_ORDERS).fingerprint());
    }

    @Test
    void sharedNeighbourListGivesTheNumbersOfEachPartAlone() {
        FrameView f = randomFrame(300, 3, 13.0, 2, 12);
        RadialStructureFunctions gx = new RadialStructureFunctions(AB);
        WeightedCoordination wcn = WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES);
        Concatenation shared = Concatenation.of(gx, wcn);
        Concatenation alone = Concatenation.of(new Opaque(gx), new Opaque(wcn));
        assertEquals(6.4, shared.neighbourCutoff(), 1e-12);
        assertEquals(0.0, alone.neighbourCutoff());
        assertArrayEquals(alone.compute(f), shared.compute(f), 0.0);
        NeighbourAverage a = NeighbourAverage.boattini(shared, 2.2);
        NeighbourAverage b = NeighbourAverage.boattini(alone, 2.2);
        assertEquals(6.4, a.neighbourCutoff(), 1e-12);
        assertEquals(2.2, b.neighbourCutoff());
        assertArrayEquals(b.compute(f), a.compute(f), 0.0);
        // nested composites share too
        Concatenation outer = Concatenation.of(a, wcn);
        assertArrayEquals(Concatenation.of(new Opaque(b), new Opaque(wcn)).compute(f), outer.compute(f), 0.0);
    }

    @Test
    void compositeIsInvariantUnderTranslationRelabellingAndRotation() {
        WeightedCoordination wcn = WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES);
        NeighbourAverage avg = NeighbourAverage.boattini(Concatenation.of(new RadialStructureFunctions(AB), wcn), 2.2);
        int fc = avg.featureCount();
        for (int dims : new int[]{3, 2}) {
            FrameView f = randomFrame(250, dims, 13.0, 2, 30 + dims);
            double[] base = avg.compute(f);
            assertClose(base, avg.compute(translated(f, -5.1, 2.9, 13.3)), 1e-10, 1e-12, dims + "D translation");
            int[] perm = randomPermutation(f.n(), 7);
            double[] p = avg.compute(permuted(f, perm));
            double[] back = new double[p.length];
            for (int i = 0; i < f.n(); i++) {
                System.arraycopy(p, perm[i] * fc, back, i * fc, fc);
            }
            assertClose(base, back, 1e-10, 1e-12, dims + "D relabelling");
            FrameView[] c = clusterAndRotated(40, dims, 20.0, 50 + dims);
            assertClose(avg.compute(c[0]), avg.compute(c[1]), 1e-10, 1e-11, dims + "D rotated cluster");
        }
    }

    @Test
    void serialisesForSparkTasks() throws Exception {
        WeightedCoordination wcn = WeightedCoordination.fromShellFeatures(WeightedCoordinationTest.FEATURES);
        NeighbourAverage avg = NeighbourAverage.boattini(Concatenation.of(new RadialStructureFunctions(AB), wcn), 2.2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(avg);
        }
        Descriptor back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Descriptor) in.readObject();
        }
        assertEquals(avg.fingerprint(), back.fingerprint());
        assertEquals(avg.featureNames(), back.featureNames());
        FrameView f = randomFrame(120, 3, 13.0, 2, 5);
        assertArrayEquals(avg.compute(f), back.compute(f), 0.0);
    }

    @Test
    void refusesBadParametersNamingTheFix() {
        Table x = new Table("t", VALUES, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeighbourAverage.boattini(x, 0));
        assertTrue(e.getMessage().contains("r_c = 0.0") && e.getMessage().contains("second minimum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NeighbourAverage(x, 2, Weighting.EXPONENTIAL, true, List.of(0)));
        assertTrue(e.getMessage().contains("average nothing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NeighbourAverage(x, 2, Weighting.EXPONENTIAL, true, List.of(2, 1)));
        assertTrue(e.getMessage().contains("bad value 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NeighbourAverage(x, 2, null, true, List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> NeighbourAverage.boattini(null, 2));
        assertThrows(IllegalArgumentException.class, () -> new Concatenation(List.of()));
        e = assertThrows(IllegalArgumentException.class, () -> NeighbourAverage.boattini(x, 12).compute(line()));
        assertTrue(e.getMessage().contains("half the shortest box edge") && e.getMessage().startsWith("avg2(t)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NeighbourAverage.boattini(x, 2).compute(line(), new double[3]));
        assertTrue(e.getMessage().contains("shorter than"), e.getMessage());
    }
}
