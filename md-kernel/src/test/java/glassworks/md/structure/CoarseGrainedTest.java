package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.CellList;
import glassworks.md.FrameView;
import glassworks.md.Models;
import glassworks.md.PairModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GlassMLP coarse-grained descriptors: feature count and names, the analytic weight of one partner, uniform fields,
 * the continuum density of a lattice, an O(N^2) oracle of both normalisations against the cell-list sweep (2D, 3D and
 * the ka2d defaults), invariance under translation, rotation and relabelling, the energies, and the refusals.
 */
class CoarseGrainedTest {
    static final PairModel KA2D = Models.byName(Models.KA2D);
    static final List<String> ABC = List.of("A", "B", "C");

    /** A 2D square lattice at the ka2d density, sites jittered, species 600:330:360-like, some particles unwrapped. */
    static FrameView ka2dLattice(int side, double jitter, long seed) {
        int n = side * side;
        double l = Math.sqrt(n / KA2D.defaultDensity());
        double a = l / side;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] counts = KA2D.composition(n);
        int[] species = new int[n];
        for (int s = 0, i = 0; s < counts.length; s++) {
            for (int c = 0; c < counts[s]; c++) {
                species[i++] = s;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = species[i];
            species[i] = species[j];
            species[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % side + 0.5) * a + jitter * rng.nextDouble(-1, 1) + l * (rng.nextInt(3) - 1);
            y[i] = (i / side + 0.5) * a + jitter * rng.nextDouble(-1, 1);
        }
        return new FrameView(0, 0, 0, n, 2, species, x, y, new double[n], l, l, 0, null, null, null, null);
    }

    static FrameView withPositions(FrameView f, int[] species, double[] x, double[] y, double[] pe) {
        return new FrameView(0, 0, 0, f.n(), 2, species, x, y, new double[f.n()], f.boxX(), f.boxY(), 0, null, null,
                null, pe);
    }

    static double image(double d, double l) {
        return d - l * Math.rint(d / l);
    }

    // ---------------------------------------------------------------- count, names, parameters

    @Test
    void ka2dDefaultsGive256NamedFeatures() {
        CoarseGrained d = CoarseGrained.ka2d();
        // K x M_CG x (M_type + 1) = 4 x 16 x (3 + 1)
        assertEquals(4 * 16 * (3 + 1), d.featureCount());
        assertEquals(256, d.featureCount());
        assertEquals(256, d.featureNames().size());
        assertEquals(256, new java.util.HashSet<>(d.featureNames()).size(), "names are unique");
        assertEquals(CoarseGrained.DEFAULT_LENGTHS, d.params().lengths());
        assertEquals(16, d.params().lengths().size());
        assertEquals(0.0, d.params().lengths().get(0));
        assertEquals(7.5, d.params().lengths().get(15));
        assertEquals(16.448, d.params().cutoff(), 0);
        assertEquals(List.of("rho_A(L=0.0)", "epot_A(L=0.0)", "perim_A(L=0.0)", "varE_A(L=0.0)", "rho_B(L=0.0)"),
                d.featureNames().subList(0, 5));
        assertEquals("rho_all(L=2.0)", d.featureNames().get(d.index(4, 3, CoarseGrained.Observable.DENSITY)));
        assertEquals("perim_C(L=0.5)", d.featureNames().get(d.index(1, 2, CoarseGrained.Observable.CELL)));
        assertEquals("varE_all(L=7.5)", d.featureNames().get(255));
        assertEquals("cg", d.family());
        assertEquals(List.of("cell", "cutoff", "energy", "lengths", "normalisation", "species"),
                List.copyOf(d.parameters().keySet()));
        assertTrue(d.fingerprint().matches("[0-9a-f]{16}"));
        assertEquals(d.fingerprint(), CoarseGrained.ka2d().fingerprint());
        CoarseGrained literal =
                new CoarseGrained(d.params().withNormalisation(CoarseGrained.Normalisation.LITERAL), KA2D);
        assertNotEquals(d.fingerprint(), literal.fingerprint());
        assertNotEquals(d.fingerprint(), new CoarseGrained(d.params().withCutoff(10), KA2D).fingerprint());
        assertNotEquals(d.fingerprint(), new CoarseGrained(d.params()).fingerprint(), "energy source is a parameter");
    }

    @Test
    void badParametersAndFramesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CoarseGrained.Params.defaults(List.of("A", "all")));
        assertThrows(IllegalArgumentException.class,
                () -> CoarseGrained.Params.defaults(ABC).withLengths(List.of(1.0, -0.5)));
        assertThrows(IllegalArgumentException.class,
                () -> CoarseGrained.Params.defaults(ABC).withLengths(List.of(1.0, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> CoarseGrained.Params.defaults(ABC).withCutoff(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoarseGrained.forModel(Models.byName(Models.KA3D)));
        assertTrue(e.getMessage().contains("3D"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CoarseGrained(CoarseGrained.Params.defaults(List.of("A", "B")), KA2D));

        FrameView small = ka2dLattice(20, 0.05, 1); // box 18.3: the default R_c 16.448 does not fit
        e = assertThrows(IllegalArgumentException.class, () -> CoarseGrained.ka2d().compute(small));
        assertTrue(e.getMessage().contains("half the box"), e.getMessage());
        CoarseGrained fromFrame = new CoarseGrained(CoarseGrained.Params.defaults(ABC).withCutoff(9));
        e = assertThrows(IllegalArgumentException.class, () -> fromFrame.compute(small));
        assertTrue(e.getMessage().contains("potential energies"), e.getMessage());
        FrameView threeD = new FrameView(0, 0, 0, 2, 3, new int[2], new double[]{1, 2}, new double[]{1, 1},
                new double[]{1, 1}, 20, 20, 20, null, null, null, new double[2]);
        e = assertThrows(IllegalArgumentException.class, () -> fromFrame.compute(threeD));
        assertTrue(e.getMessage().contains("2D"), e.getMessage());
        int[] species = small.species().clone();
        species[3] = 3;
        FrameView foreign = withPositions(small, species, small.x(), small.y(), new double[small.n()]);
        assertThrows(IllegalArgumentException.class, () -> fromFrame.compute(foreign));
        assertThrows(IllegalArgumentException.class, () -> fromFrame.compute(withPositions(small, small.species(),
                small.x(), small.y(), new double[small.n()]), new double[10]));
    }

    // ---------------------------------------------------------------- analytic checks

    @Test
    void onePartnerContributesTheExponentialWeight() {
        double e0 = -3.1;
        double e1 = -5.7;
        double p0 = 3.6;
        double p1 = 4.1;
        // partner at d = 2.3 inside the box, then d = 1.0 across the periodic boundary (minimum image)
        for (double[] geo : new double[][]{{3, 4, 3 + 2.3 * 0.6, 4 + 2.3 * 0.8, 2.3}, {39.5, 7, 0.5 + 40, 7, 1.0}}) {
            double d = geo[4];
            for (CoarseGrained.Normalisation mode : CoarseGrained.Normalisation.values()) {
                CoarseGrained cg = new CoarseGrained(CoarseGrained.Params.defaults(ABC).withNormalisation(mode));
                double[] out = new double[2 * cg.featureCount()];
                cg.coarseGrain(Box.planar(40, 40), new double[]{geo[0], geo[2]}, new double[]{geo[1], geo[3]}, null,
                        new int[]{0, 2}, 2, new double[]{e0, e1}, new double[]{p0, p1}, out);
                int f = cg.featureCount();
                for (int l = 0; l < 16; l++) {
                    double len = 0.5 * l;
                    double w = len == 0 ? 0 : Math.exp(-d / len);
                    // particle 0 (A) sees itself in A and all, the partner (C) in C and all, nothing in B
                    double[] a0 = block(out, cg, 0, l, 0);
                    double[] b0 = block(out, cg, 0, l, 1);
                    double[] c0 = block(out, cg, 0, l, 2);
                    double[] all0 = block(out, cg, 0, l, 3);
                    assertArrayEquals(new double[]{0, 0, 0, 0}, b0, "no B particle anywhere");
                    if (mode == CoarseGrained.Normalisation.LOCAL_MEAN) {
                        assertArrayEquals(new double[]{1, e0, p0, 0}, a0, 1e-14);
                        if (w > 0) {
                            assertArrayEquals(new double[]{w, e1, p1, 0}, c0, 1e-14 * Math.max(1, 1 / w));
                        } else {
                            assertArrayEquals(new double[]{0, 0, 0, 0}, c0, "L = 0: only the particle itself counts");
                        }
                        assertEquals(1 + w, all0[0], 1e-14);
                        assertEquals((e0 + w * e1) / (1 + w), all0[1], 1e-14);
                        assertEquals((p0 + w * p1) / (1 + w), all0[2], 1e-14);
                        assertEquals(w * (e0 - e1) * (e0 - e1) / ((1 + w) * (1 + w)), all0[3], 1e-13);
                    } else {
                        assertArrayEquals(new double[]{1, e0, p0, 0}, a0, 1e-14);
                        assertArrayEquals(new double[]{w, w * e1, w * p1, 0}, c0, 1e-14);
                        assertEquals(1 + w, all0[0], 1e-14);
                        assertEquals(e0 + w * e1, all0[1], 1e-14);
                        assertEquals(p0 + w * p1, all0[2], 1e-14);
                        // (E_0 - Ebar_0)^2 + w (E_1 - Ebar_1)^2 with both local means over the pair
                        assertEquals(w * w * (e0 - e1) * (e0 - e1) / (1 + w), all0[3], 1e-13);
                    }
                    // the partner sees particle 0 in channel A with the same weight
                    assertEquals(w, block(out, cg, 1, l, 0)[0], 1e-15);
                    assertEquals(1.0, block(out, cg, 1, l, 2)[0], 0);
                    assertEquals(0.0, out[f + cg.index(l, 1, CoarseGrained.Observable.DENSITY)], 0);
                }
            }
        }
        // beyond R_c the partner does not count
        CoarseGrained cg = new CoarseGrained(CoarseGrained.Params.defaults(ABC));
        double[] out = new double[2 * cg.featureCount()];
        cg.coarseGrain(Box.planar(40, 40), new double[]{1, 1 + 16.45}, new double[]{5, 5}, null, new int[]{0, 2}, 2,
                new double[]{e0, e1}, new double[]{p0, p1}, out);
        for (int l = 0; l < 16; l++) {
            assertEquals(0.0, block(out, cg, 0, l, 2)[0], 0);
            assertEquals(1.0, block(out, cg, 0, l, 3)[0], 0);
        }
    }

    private static double[] block(double[] out, CoarseGrained cg, int particle, int l, int channel) {
        int o = particle * cg.featureCount() + cg.index(l, channel, CoarseGrained.Observable.DENSITY);
        return java.util.Arrays.copyOfRange(out, o, o + 4);
    }

    @Test
    void uniformFieldsAreReproduced() {
        int n = 500;
        double l = 20;
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] species = new int[n];
        double[] energy = new double[n];
        double[] cell = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(0, l);
            y[i] = rng.nextDouble(0, l);
            species[i] = rng.nextInt(3);
            energy[i] = -6.25;
            cell[i] = 3.75;
        }
        for (CoarseGrained.Normalisation mode : CoarseGrained.Normalisation.values()) {
            CoarseGrained cg = new CoarseGrained(CoarseGrained.Params.defaults(ABC).withCutoff(8.0)
                    .withNormalisation(mode));
            double[] out = new double[n * cg.featureCount()];
            cg.coarseGrain(Box.planar(l, l), x, y, null, species, n, energy, cell, out);
            int checked = 0;
            for (int i = 0; i < n; i++) {
                for (int o = i * cg.featureCount(); o < (i + 1) * cg.featureCount(); o += 4) {
                    double rho = out[o];
                    if (rho == 0) {
                        continue;
                    }
                    checked++;
                    double scale = mode == CoarseGrained.Normalisation.LOCAL_MEAN ? 1 : rho;
                    assertEquals(-6.25 * scale, out[o + 1], 1e-12 * Math.max(1, rho), "the field's value");
                    assertEquals(3.75 * scale, out[o + 2], 1e-12 * Math.max(1, rho));
                    assertEquals(0.0, out[o + 3], 1e-12, "a uniform field has no variance");
                }
            }
            assertTrue(checked > n * 16 * 2);
        }
    }

    @Test
    void latticeDensityApproachesTheContinuumIntegral() {
        // rho(L) = sum_j exp(-r_j/L) on a unit square lattice ~ 2 pi rho L^2 [1 - (1 + R_c/L) e^{-R_c/L}]
        int side = 30;
        int n = side * side;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % side + 0.25;
            y[i] = i / side + 0.75;
        }
        double rc = 14;
        CoarseGrained cg = new CoarseGrained(new CoarseGrained.Params(List.of("A"), List.of(2.0, 3.0, 4.0, 5.0), rc,
                CoarseGrained.Normalisation.LOCAL_MEAN));
        double[] out = new double[n * cg.featureCount()];
        cg.coarseGrain(Box.planar(side, side), x, y, null, new int[n], n, new double[n], new double[n], out);
        for (int l = 0; l < 4; l++) {
            double len = 2.0 + l;
            double continuum = 2 * Math.PI * len * len * (1 - (1 + rc / len) * Math.exp(-rc / len));
            for (int i = 0; i < n; i += 37) {
                double rho = out[i * cg.featureCount() + cg.index(l, 1, CoarseGrained.Observable.DENSITY)];
                assertEquals(continuum, rho, 0.01 * continuum, "L = " + len);
                assertEquals(rho, out[cg.index(l, 0, CoarseGrained.Observable.DENSITY)], 1e-9, "same on every site");
            }
        }
    }

    // ---------------------------------------------------------------- oracle

    /**
     * O(N^2) oracle of both normalisations, written from the definitions: for each i every j (itself included at r =
     * 0) within R_c, minimum image, two passes (mean, then variance around it).
     */
    static double[] oracle(CoarseGrained.Params p, double[] lx, double[] x, double[] y, double[] z, int[] species,
                           int n, double[] energy, double[] cell) {
        int nl = p.lengths().size();
        int nc = p.channels();
        int f = p.featureCount();
        double[] local = new double[n * f];
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = image(x[j] - x[i], lx[0]);
                double dy = image(y[j] - y[i], lx[1]);
                double dz = lx.length > 2 ? image(z[j] - z[i], lx[2]) : 0;
                r[i][j] = i == j ? 0 : Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < nl; l++) {
                double len = p.lengths().get(l);
                for (int c = 0; c < nc; c++) {
                    double sw = 0;
                    double swe = 0;
                    double swp = 0;
                    for (int j = 0; j < n; j++) {
                        if ((c < nc - 1 && species[j] != c) || !(r[i][j] < p.cutoff())) {
                            continue;
                        }
                        double w = len == 0 ? (j == i ? 1 : 0) : Math.exp(-r[i][j] / len);
                        sw += w;
                        swe += w * energy[j];
                        swp += w * cell[j];
                    }
                    double mean = sw > 0 ? swe / sw : 0;
                    double var = 0;
                    for (int j = 0; j < n; j++) {
                        if ((c < nc - 1 && species[j] != c) || !(r[i][j] < p.cutoff())) {
                            continue;
                        }
                        double w = len == 0 ? (j == i ? 1 : 0) : Math.exp(-r[i][j] / len);
                        var += w * (energy[j] - mean) * (energy[j] - mean);
                    }
                    int o = i * f + (l * nc + c) * 4;
                    local[o] = sw;
                    local[o + 1] = mean;
                    local[o + 2] = sw > 0 ? swp / sw : 0;
                    local[o + 3] = sw > 0 ? var / sw : 0;
                }
            }
        }
        if (p.normalisation() == CoarseGrained.Normalisation.LOCAL_MEAN) {
            return local;
        }
        double[] lit = new double[n * f];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < nl; l++) {
                double len = p.lengths().get(l);
                for (int c = 0; c < nc; c++) {
                    double sw = 0;
                    double swe = 0;
                    double swp = 0;
                    double swv = 0;
                    for (int j = 0; j < n; j++) {
                        if ((c < nc - 1 && species[j] != c) || !(r[i][j] < p.cutoff())) {
                            continue;
                        }
                        double w = len == 0 ? (j == i ? 1 : 0) : Math.exp(-r[i][j] / len);
                        double meanJ = local[j * f + (l * nc + c) * 4 + 1]; // j's own local mean, same L and channel
                        sw += w;
                        swe += w * energy[j];
                        swp += w * cell[j];
                        swv += w * (energy[j] - meanJ) * (energy[j] - meanJ);
                    }
                    int o = i * f + (l * nc + c) * 4;
                    lit[o] = sw;
                    lit[o + 1] = swe;
                    lit[o + 2] = swp;
                    lit[o + 3] = swv;
                }
            }
        }
        return lit;
    }

    static void assertClose(double[] expect, double[] actual, double rel, String what) {
        assertEquals(expect.length, actual.length);
        for (int k = 0; k < expect.length; k++) {
            double tol = rel * Math.max(1, Math.abs(expect[k]));
            if (Math.abs(expect[k] - actual[k]) > tol) {
                throw new AssertionError(what + ": entry " + k + " expected " + expect[k] + " got " + actual[k]);
            }
        }
    }

    @Test
    void cellListSweepEqualsBruteForceOracle() {
        int n = 690;
        double l = 24;
        SplittableRandom rng = new SplittableRandom(17);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] species = new int[n];
        double[] energy = new double[n];
        double[] cell = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-l, 2 * l);
            y[i] = rng.nextDouble(0, l);
            species[i] = rng.nextInt(3);
            energy[i] = rng.nextDouble(-8, -2);
            cell[i] = rng.nextDouble(3, 5);
        }
        double rc = 7.0;
        assertFalse(new CellList(Box.planar(l, l), rc).isBruteForce(), "the test must exercise the cell grid");
        for (CoarseGrained.Normalisation mode : CoarseGrained.Normalisation.values()) {
            CoarseGrained.Params p = CoarseGrained.Params.defaults(ABC).withCutoff(rc).withNormalisation(mode);
            CoarseGrained cg = new CoarseGrained(p);
            double[] out = new double[n * cg.featureCount()];
            cg.coarseGrain(Box.planar(l, l), x, y, null, species, n, energy, cell, out);
            assertClose(oracle(p, new double[]{l, l}, x, y, new double[n], species, n, energy, cell), out, 1e-11,
                    mode.label());
        }
    }

    @Test
    void coreIsDimensionAgnostic3d() {
        int n = 400;
        double l = 9.5;
        SplittableRandom rng = new SplittableRandom(23);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] species = new int[n];
        double[] energy = new double[n];
        double[] cell = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(0, l);
            y[i] = rng.nextDouble(0, l);
            z[i] = rng.nextDouble(0, l) - l;
            species[i] = rng.nextInt(2);
            energy[i] = rng.nextDouble(-9, -4);
            cell[i] = rng.nextDouble(4, 6); // stands in for a surface area
        }
        CoarseGrained.Params p = new CoarseGrained.Params(List.of("A", "B"), CoarseGrained.DEFAULT_LENGTHS, 4.5,
                CoarseGrained.Normalisation.LOCAL_MEAN);
        CoarseGrained cg = new CoarseGrained(p);
        assertEquals(4 * 16 * 3, cg.featureCount(), "digest: 192 features for binary 3D KA");
        double[] out = new double[n * cg.featureCount()];
        cg.coarseGrain(new Box(l, l, l), x, y, z, species, n, energy, cell, out);
        assertClose(oracle(p, new double[]{l, l, l}, x, y, z, species, n, energy, cell), out, 1e-11, "3D");
    }

    @Test
    void ka2dDefaultsOnA1296ParticleFrameEqualTheOracle() {
        FrameView f = ka2dLattice(36, 0.06, 5); // box 32.97 > 2 x 16.448
        CoarseGrained cg = CoarseGrained.ka2d();
        long t0 = System.nanoTime();
        double[] out = cg.compute(f);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertTrue(seconds < 10, "1296 particles took " + seconds + " s");
        double[] energy = ParticleEnergies.pairSum(KA2D, f);
        double[] perimeter = Voronoi2D.perimeters(f);
        double[] expect = oracle(cg.params(), new double[]{f.boxX(), f.boxY()}, f.x(), f.y(), f.z(), f.species(),
                f.n(), energy, perimeter);
        assertClose(expect, out, 1e-11, "ka2d defaults");
        // L = 0 columns are the bare inputs for the own species and all, zero for the others
        for (int i = 0; i < f.n(); i += 11) {
            int s = f.species()[i];
            int row = i * cg.featureCount();
            for (int c = 0; c < 4; c++) {
                boolean mine = c == s || c == 3;
                assertEquals(mine ? 1 : 0, out[row + cg.index(0, c, CoarseGrained.Observable.DENSITY)], 0);
                assertEquals(mine ? energy[i] : 0, out[row + cg.index(0, c, CoarseGrained.Observable.ENERGY)], 0);
                assertEquals(mine ? perimeter[i] : 0, out[row + cg.index(0, c, CoarseGrained.Observable.CELL)], 0);
                assertEquals(0.0, out[row + cg.index(0, c, CoarseGrained.Observable.ENERGY_VARIANCE)], 0);
            }
        }
    }

    // ---------------------------------------------------------------- invariances and energies

    @Test
    void translationRotationAndRelabellingDoNotChangeTheFeatures() {
        FrameView f = ka2dLattice(20, 0.08, 9);
        int n = f.n();
        double l = f.boxX();
        CoarseGrained cg = new CoarseGrained(CoarseGrained.Params.forModel(KA2D).withCutoff(9.0), KA2D);
        int fc = cg.featureCount();
        double[] base = cg.compute(f);
        SplittableRandom rng = new SplittableRandom(4);
        // translation, with particles given as arbitrary images
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0; i < n; i++) {
            tx[i] = f.x()[i] + 3.3 + l * (rng.nextInt(5) - 2);
            ty[i] = f.y()[i] - 7.1 + l * (rng.nextInt(5) - 2);
        }
        assertClose(base, cg.compute(withPositions(f, f.species(), tx, ty, null)), 1e-9, "translation");
        // rotation by 90 degrees (the square box maps onto itself)
        double[] rx = new double[n];
        double[] ry = new double[n];
        for (int i = 0; i < n; i++) {
            rx[i] = -f.y()[i];
            ry[i] = f.x()[i];
        }
        assertClose(base, cg.compute(withPositions(f, f.species(), rx, ry, null)), 1e-9, "rotation");
        // relabelling: particle k of the new frame is particle perm[k] of the old one
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] ps = new int[n];
        double[] px = new double[n];
        double[] py = new double[n];
        for (int k = 0; k < n; k++) {
            ps[k] = f.species()[perm[k]];
            px[k] = f.x()[perm[k]];
            py[k] = f.y()[perm[k]];
        }
        double[] relabelled = cg.compute(withPositions(f, ps, px, py, null));
        double[] expect = new double[n * fc];
        for (int k = 0; k < n; k++) {
            System.arraycopy(base, perm[k] * fc, expect, k * fc, fc);
        }
        assertClose(expect, relabelled, 1e-9, "relabelling");
    }

    @Test
    void energiesAreTheKernelsAndFrameEnergiesGiveTheSameFeatures() {
        FrameView f = ka2dLattice(20, 0.08, 13);
        int n = f.n();
        double[] half = ParticleEnergies.halfSplit(KA2D, f);
        double[] full = ParticleEnergies.pairSum(KA2D, f);
        double total = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(2 * half[i], full[i], 0, "pair sum is exactly twice the half split");
            double e = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = image(f.x()[j] - f.x()[i], f.boxX());
                    double dy = image(f.y()[j] - f.y()[i], f.boxY());
                    e += KA2D.pairEnergy(f.species()[i], f.species()[j], dx * dx + dy * dy);
                }
            }
            assertEquals(e, full[i], 1e-11 * Math.max(1, Math.abs(e)), "E_pot of " + i);
            total += half[i];
        }
        assertTrue(Double.isFinite(total));
        CoarseGrained.Params p = CoarseGrained.Params.forModel(KA2D).withCutoff(9.0);
        double[] fromModel = new CoarseGrained(p, KA2D).compute(f);
        double[] fromFrame = new CoarseGrained(p).compute(withPositions(f, f.species(), f.x(), f.y(), half));
        assertArrayEquals(fromModel, fromFrame, "frames store the half split; the descriptor doubles it");
    }
}
