package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.FrameSchedule;
import glassworks.md.structure.StructureFactor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MSD, alpha_2, F_s, van Hove and the overlap on trajectories with known dynamics (Brownian walkers: MSD = 2 d D t,
 * F_s = exp(-k^2 D t), alpha_2 = 0; ballistic particles crossing the box many times: MSD = v^2 t^2), every observable
 * against a brute-force loop over the (origin, lag) pairs of a log-block grid, and the memory bound.
 */
class RunDynamicsTest {

    @Test
    void brownianWalkersGiveDiffusiveMsdGaussianFsAndZeroAlpha2() {
        for (int dims : new int[]{3, 2}) {
            int n = 20000;
            double l = 20;
            double d = 0.05;
            Trajectory t = Synthetic.randomWalk(n, dims, l, d, 0.01, Synthetic.linearSteps(20, 100), 2, 11 + dims);
            double k = 2 * Math.PI * 5 / l; // n^2 = 25: every vector of the shell has exactly this |k|
            RunDynamics.Options o = RunDynamics.Options.defaults(k).withWaveVectors(1e-6, 48, 1)
                    .withVanHove(50, 5.0).withS4(0, 1, 3, RunDynamics.S4Field.OVERLAP);
            RunDynamics.Result r = RunDynamics.compute(t, LagGrid.linear(t), o);
            assertEquals(k, r.k(), 1e-9);
            assertEquals(dims == 3 ? 15 : 6, r.kVectors(), "half-space vectors with |n|^2 = 25");
            double tolMsd = 4 * Math.sqrt(2.0 / (dims * n));
            for (int c = 0; c < r.channels(); c++) {
                for (int lag = 0; lag < r.lags(); lag++) {
                    double time = r.lagTimes()[lag];
                    double want = 2 * dims * d * time;
                    int nc = r.particles()[c];
                    assertEquals(want, r.msd()[c][lag], want * 4 * Math.sqrt(2.0 / (dims * nc)),
                            dims + "D channel " + c + " t = " + time);
                    assertEquals(0, r.alpha2()[c][lag], 0.08 * Math.sqrt(20000.0 / nc), "alpha2 t = " + time);
                    assertEquals(Math.exp(-k * k * d * time), r.fs()[c][lag], 0.02 * Math.sqrt(20000.0 / nc),
                            "F_s t = " + time);
                }
            }
            int all = r.all();
            assertEquals(n, r.particles()[all]);
            for (int lag = 0; lag < r.lags(); lag++) {
                double want = 2 * dims * d * r.lagTimes()[lag];
                assertEquals(want, r.msd()[all][lag], want * tolMsd);
                assertTrue(r.msdError()[all][lag] > 0 || lag == r.lags() - 1);
            }
            // the estimators recover D and tau_alpha (F_s = 1/e at t = 1 / (k^2 D))
            TimeScales.Diffusion diff = r.diffusion(all);
            assertEquals(d, diff.d(), 0.03 * d, "D " + diff);
            assertEquals(r.lagTimes()[0], diff.tFrom(), 1e-12); // diffusive from the first lag
            TimeScales.Crossing tau = r.tauAlpha(all);
            double tauWant = 1 / (k * k * d);
            assertEquals(tauWant, tau.time(), Math.max(0.05 * tauWant, 3 * tau.error()), "tau " + tau);
            // van Hove at t = 5: Gaussian displacements, P(|dr| in bin) by numerical integration
            int lag = 4;
            double s2 = 2 * d * r.lagTimes()[lag];
            double w = r.vanHoveBinWidth();
            double total = 0;
            for (int b = 0; b < 50; b++) {
                double p = r.vanHove()[all][lag][b] * w;
                total += p;
                double want = radialProbability(dims, s2, b * w, (b + 1) * w);
                assertEquals(want, p, 4 * Math.sqrt(want / (n * 5.0)) + 1e-4, "van Hove bin " + b);
            }
            assertEquals(1, total + r.vanHoveBeyond()[all][lag], 1e-12);
        }
    }

    /** P(r0 &le; |dr| &lt; r1) for Gaussian displacements of variance s2 per component. */
    private static double radialProbability(int dims, double s2, double r0, double r1) {
        int m = 2000;
        double h = (r1 - r0) / m;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double r = r0 + (i + 0.5) * h;
            double dens = dims == 3 ? 4 * Math.PI * r * r * Math.pow(2 * Math.PI * s2, -1.5)
                    : 2 * Math.PI * r / (2 * Math.PI * s2);
            sum += dens * Math.exp(-r * r / (2 * s2)) * h;
        }
        return sum;
    }

    @Test
    void ballisticParticlesCrossingTheBoxManyTimesGiveVSquaredTSquared() {
        for (int dims : new int[]{3, 2}) {
            for (boolean log : new boolean[]{false, true}) {
                double v = 1.3;
                long[] steps = log ? Synthetic.logSteps(FrameSchedule.logarithmic(10, 1000), 90)
                        : Synthetic.linearSteps(30, 10);
                double dt = log ? 0.01 : 0.05;
                Trajectory t = Synthetic.ballistic(200, dims, 3.0, v, dt, steps, 7);
                assertTrue(t.x(t.frames() - 1)[0] - t.x(0)[0] != 0);
                LagGrid g = log ? LagGrid.logBlocks(t, 1000) : LagGrid.linear(t);
                RunDynamics.Result r = RunDynamics.compute(t, g,
                        RunDynamics.Options.defaults(2 * Math.PI / 3.0 * 4).withVanHove(100, 5.0)
                                .withS4(3, 8, 3, RunDynamics.S4Field.OVERLAP));
                double maxDisp = 0;
                for (int lag = 0; lag < r.lags(); lag++) {
                    double time = r.lagTimes()[lag];
                    double disp = v * time;
                    maxDisp = Math.max(maxDisp, disp);
                    double msd = r.msd()[0][lag];
                    assertEquals(disp * disp, msd, 1e-9 * disp * disp + 1e-15, "t = " + time);
                    assertEquals(-2.0 / (dims + 2), r.alpha2()[0][lag], 1e-6);
                    assertEquals(disp < 0.3 ? 1.0 : 0.0, r.overlap()[0][lag], 0.0, "Q at t = " + time);
                    assertEquals(0, r.chi4()[0][lag], 1e-12);
                    int bin = (int) (disp / 0.05);
                    if (Math.abs(disp / 0.05 - Math.rint(disp / 0.05)) > 1e-6) {
                        if (bin < 100) {
                            assertEquals(1.0, r.vanHove()[0][lag][bin] * 0.05, 1e-12, "van Hove t = " + time);
                        } else {
                            assertEquals(1.0, r.vanHoveBeyond()[0][lag], 1e-12);
                        }
                    }
                }
                assertTrue(maxDisp > 2 * 3.0, "particles crossed " + maxDisp / 3.0 + " boxes");
            }
        }
    }

    @Test
    void everyObservableEqualsTheBruteForcePairLoopOnALogGrid() {
        FrameSchedule s = FrameSchedule.logarithmic(4, 200);
        long[] steps = Synthetic.logSteps(s, (int) s.count(1400));
        Trajectory t = Synthetic.randomWalk(90, 3, 6.5, 0.02, 0.01, steps, 2, 5);
        LagGrid g = LagGrid.logBlocks(t, 200);
        BondBreaking.Cutoffs bonds = BondBreaking.Cutoffs.ka3d();
        RunDynamics.Options o = RunDynamics.Options.defaults(7.0).withWaveVectors(0.3, 20, 9).withBonds(bonds)
                .withVanHove(20, 2.0).withS4(4, 16, 3, RunDynamics.S4Field.OVERLAP);
        RunDynamics.Result r = RunDynamics.compute(t, g, o);
        RunDynamics.Result r3 = RunDynamics.compute(t, g, o.withThreads(3));
        double[][] kv = StructureFactor.vectorsNear(t.box(0), 7.0, 0.3, 20, 9);
        assertEquals(kv.length, r.kVectors());
        FourPoint.Shells shells = FourPoint.smallestShells(t.box(0), 4, 16, o.seed());
        int n = t.n();
        int[] sp = t.species();
        for (int lag = 0; lag < g.lags(); lag++) {
            for (int c = 0; c < 3; c++) {
                double sumMsd = 0;
                double sumR4 = 0;
                double sumFs = 0;
                double sumQ = 0;
                double sumQ2 = 0;
                double sumCb = 0;
                double sumCb2 = 0;
                int pairs = 0;
                int nc = 0;
                boolean[] in = new boolean[n];
                for (int i = 0; i < n; i++) {
                    in[i] = c == 2 || sp[i] == c;
                    nc += in[i] ? 1 : 0;
                }
                double[] s4 = new double[4];
                for (int j = 0; j < g.originCount(); j++) {
                    int o0 = g.origin(j);
                    int t1 = g.target(o0, lag);
                    if (t1 < 0) {
                        continue;
                    }
                    pairs++;
                    double m2 = 0;
                    double m4 = 0;
                    double fs = 0;
                    double q = 0;
                    double[] w = new double[n];
                    double[] cbi = BondBreaking.perParticle(t, o0, t1, bonds);
                    double cbs = 0;
                    int cbn = 0;
                    for (int i = 0; i < n; i++) {
                        if (!in[i]) {
                            continue;
                        }
                        double dx = t.x(t1)[i] - t.x(o0)[i];
                        double dy = t.y(t1)[i] - t.y(o0)[i];
                        double dz = t.z(t1)[i] - t.z(o0)[i];
                        double r2 = dx * dx + dy * dy + dz * dz;
                        m2 += r2;
                        m4 += r2 * r2;
                        w[i] = Math.sqrt(r2) < 0.3 ? 1 : 0;
                        q += w[i];
                        for (double[] k : kv) {
                            fs += Math.cos(k[0] * dx + k[1] * dy + k[2] * dz);
                        }
                        if (!Double.isNaN(cbi[i])) {
                            cbs += cbi[i];
                            cbn++;
                        }
                    }
                    sumMsd += m2 / nc;
                    sumR4 += m4 / nc;
                    sumFs += fs / nc / kv.length;
                    sumQ += q / nc;
                    sumQ2 += (q / nc) * (q / nc);
                    sumCb += cbs / cbn;
                    sumCb2 += (cbs / cbn) * (cbs / cbn);
                    double[] s4o = FourPoint.s4(t.box(o0), t.x(o0), t.y(o0), t.z(o0), n, w, r.overlap()[c][lag], in,
                            shells);
                    for (int sh = 0; sh < 4; sh++) {
                        s4[sh] += s4o[sh];
                    }
                }
                assertEquals(g.pairs(lag), pairs);
                assertEquals(pairs, r.pairs()[lag]);
                String at = "lag " + lag + " channel " + c;
                assertEquals(sumMsd / pairs, r.msd()[c][lag], 1e-12, at);
                assertEquals(sumR4 / pairs, r.meanR4()[c][lag], 1e-12, at);
                assertEquals(sumFs / pairs, r.fs()[c][lag], 1e-12, at);
                assertEquals(sumQ / pairs, r.overlap()[c][lag], 1e-12, at);
                double meanQ = sumQ / pairs;
                assertEquals(nc * (sumQ2 / pairs - meanQ * meanQ), r.chi4()[c][lag], 1e-9, at);
                assertEquals(sumCb / pairs, r.cb()[c][lag], 1e-12, at);
                double meanCb = sumCb / pairs;
                assertEquals(nc * (sumCb2 / pairs - meanCb * meanCb), r.chi4Cb()[c][lag], 1e-9, at);
                for (int sh = 0; sh < 4; sh++) {
                    assertEquals(s4[sh] / pairs, r.s4()[c][lag][sh], 1e-9 * (1 + s4[sh] / pairs), at + " shell " + sh);
                }
                // threads: same sums in another order
                assertEquals(r.msd()[c][lag], r3.msd()[c][lag], 1e-12);
                assertEquals(r.fs()[c][lag], r3.fs()[c][lag], 1e-12);
                assertEquals(r.chi4()[c][lag], r3.chi4()[c][lag], 1e-9);
                assertEquals(r.cb()[c][lag], r3.cb()[c][lag], 1e-12);
                for (int sh = 0; sh < 4; sh++) {
                    assertEquals(r.s4()[c][lag][sh], r3.s4()[c][lag][sh], 1e-9 * (1 + Math.abs(r.s4()[c][lag][sh])));
                }
                for (int b = 0; b < 20; b++) {
                    assertEquals(r.vanHove()[c][lag][b], r3.vanHove()[c][lag][b], 1e-12);
                }
            }
        }
        for (int sh = 0; sh < 4; sh++) {
            assertEquals(shells.q()[sh], r.s4Q()[sh], 1e-12);
        }
    }

    @Test
    void aThousandFrameLogTrajectoryAccumulatesPerLagNeverFramesByFrames() {
        FrameSchedule s = FrameSchedule.logarithmic(10, 1000);
        int frames = 1000;
        long[] steps = Synthetic.logSteps(s, frames);
        Trajectory t = Synthetic.randomWalk(8, 3, 8.0, 0.02, 0.005, steps, 2, 3);
        LagGrid g = LagGrid.logBlocks(t, 1000);
        int bins = 50;
        int shells = 3;
        RunDynamics.Options o = RunDynamics.Options.defaults(2.0).withVanHove(bins, 3.0)
                .withBonds(BondBreaking.Cutoffs.ka3d()).withS4(shells, 8, 3, RunDynamics.S4Field.OVERLAP);
        RunDynamics.compute(t, g, o); // warm up (class loading, JIT) outside the measurement
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        RunDynamics.Result r = RunDynamics.compute(t, g, o);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        int lags = g.lags();
        int channels = 3;
        long perLag = (long) channels * (10 + (bins + 1) + 3 * shells) + 1 + shells;
        assertEquals(lags * perLag, r.accumulatorSlots(), "accumulator slots are per (lag, channel, bin/shell)");
        long framesSquared = (long) frames * frames;
        assertTrue(lags < 100 && g.totalPairs() > 1500, lags + " lags, " + g.totalPairs() + " pairs");
        assertTrue(r.accumulatorSlots() < framesSquared / 50, "slots " + r.accumulatorSlots());
        assertTrue(g.storedValues() < 3L * frames, "grid values " + g.storedValues());
        // a frames x frames array of doubles alone would be 8 MB; measured ~0.5 MB (accumulators, result, per-origin
        // neighbour lists)
        assertTrue(allocated < framesSquared * 8 / 4, "allocated " + allocated + " bytes");
    }

    @Test
    void refusesAGridOfAnotherTrajectoryAndTooFewBondSpecies() {
        Trajectory t = Synthetic.randomWalk(10, 3, 5, 0.1, 0.01, Synthetic.linearSteps(5, 1), 3, 1);
        Trajectory other = Synthetic.randomWalk(10, 3, 5, 0.1, 0.01, Synthetic.linearSteps(6, 1), 3, 1);
        assertThrows(IllegalArgumentException.class, () -> RunDynamics.compute(t, LagGrid.linear(other),
                RunDynamics.Options.defaults(3.0)));
        assertThrows(IllegalArgumentException.class, () -> RunDynamics.compute(t, LagGrid.linear(t),
                RunDynamics.Options.defaults(3.0).withBonds(BondBreaking.Cutoffs.ka3d())));
        assertThrows(IllegalArgumentException.class, () -> RunDynamics.Options.defaults(3.0)
                .withS4(3, 8, 3, RunDynamics.S4Field.BOND_BREAKING));
        RunDynamics.Result r = RunDynamics.compute(t, LagGrid.linear(t), RunDynamics.Options.defaults(3.0)
                .withS4(0, 1, 3, RunDynamics.S4Field.OVERLAP));
        assertTrue(Double.isNaN(r.cb()[0][0]), "no bonds: C_B is NaN");
        assertEquals(0, r.s4Q().length);
        assertFalse(Double.isNaN(r.msd()[2][0]));
        Box b = t.box(0);
        assertEquals(5.0, b.lx());
    }
}
