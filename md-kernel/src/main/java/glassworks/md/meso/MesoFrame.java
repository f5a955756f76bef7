package glassworks.md.meso;

import glassworks.md.FrameView;
import glassworks.md.analysis.RadialDistribution;
import glassworks.md.dynamics.DomainCorrelation;
import glassworks.md.stats.BinAxis;
import glassworks.md.structure.Neighbours;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000's per-frame meso-state analysis, one frame per call, no Spark: the co-learning loop ({@link CoLearning}) from
 * the K-means labels in PC space, states renumbered by increasing mean PC 1 of the frame (so numbers agree across frames
 * and temperatures), and what the paper reads off the classified frame:
 * <ul>
 *   <li>g(r) around the particles of each state, every neighbour counted and normalised by the whole system
 *       (g_s(r) = (1/N) sum_{i in s} n_i(r) / (rho V_shell), rho = (N - 1)/V as in the rdf job), so the states' curves add up to the total g(r) — the
 *       paper's population-weighted decomposition (Fig. 4a);</li>
 *   <li>the fraction of each species' particles in each state (A/B ratios of the meso-states);</li>
 *   <li>histograms of every descriptor feature (for WCN averages: one per solvation shell) over each state's particles
 *       (bimodality, Fig. 4b-f), on axes fixed by the caller so frames add up;</li>
 *   <li>the equal-time correlation C(r) of psi = +1 for state 0 and -1 otherwise (connected) and its zero-crossing length
 *       (domain growth, Fig. 8d);</li>
 *   <li>where the frame carries per-particle virials, the radial density and normal / tangential pressure profiles
 *       ({@link PressureProfile}) about the centre of the frame's largest domain that does not span the box (Fig. 5).</li>
 * </ul>
 */
public final class MesoFrame {
    private MesoFrame() {
    }

    /**
     * Settings.
     *
     * @param coLearning the loop's settings (bond cutoff of the domains among them)
     * @param states     number of meso-states K
     * @param rMax       largest r of g(r) and C(r) [sigma]; clipped to half the shortest box edge
     * @param bins       bins of g(r) and C(r)
     * @param featureAxes histogram axis per descriptor feature (null: no histograms)
     * @param speciesMass mass per species (pressure profiles' kinetic part with velocities)
     * @param temperature k_B T of the ideal-gas kinetic part when frames have no velocities
     */
    public record Settings(CoLearning.Options coLearning, int states, double rMax, int bins, BinAxis[] featureAxes,
                           double[] speciesMass, double temperature) implements java.io.Serializable {
        public Settings {
            if (states < 2 || !(rMax > 0) || bins < 1) {
                throw new IllegalArgumentException("meso frame: need K >= 2 states, rMax > 0 and bins >= 1");
            }
        }
    }

    /**
     * One frame's result.
     *
     * @param labels            final state per particle (0..K-1 by increasing mean PC 1)
     * @param initialLabels     K-means labels as given
     * @param domainOf          domain id per particle
     * @param domains           the final labels' domains, states renumbered like {@code labels}
     * @param iterations        the co-learning iterations
     * @param converged         whether the loop converged
     * @param r                 bin centres of g(r) and C(r) [sigma]
     * @param gState            g_s(r) per state, [state][bin]
     * @param gTotal            total g(r)
     * @param speciesInState    particles per [species][state]
     * @param featureHistograms counts per [feature][state][bin] (null without axes)
     * @param correlationR      bin centres of C(r) [sigma]
     * @param correlation       connected C(r) of psi (state 0 = +1): (C - m^2) / (1 - m^2), m the mean of psi
     * @param domainLength      first zero crossing of the connected C(r) [sigma] (NaN when it stays positive)
     * @param kmeansCorrelation connected C(r) of the K-means labels' field (state 0 = +1), same bins: whether the initial
     *                          states are spatially correlated at all before co-learning
     * @param kmeansLength      its first zero crossing [sigma] (NaN when none)
     * @param profileDomain     index in {@code domains} of the domain the pressure profile is centred on (-1: none)
     * @param profile           density and pressure profiles about that domain's centre (null without virials or
     *                          without a domain that does not span the box)
     */
    public record Result(int[] labels, int[] initialLabels, int[] domainOf, List<PeriodicDomains.Domain> domains,
                         List<CoLearning.Iteration> iterations, boolean converged, double[] r, double[][] gState,
                         double[] gTotal, long[][] speciesInState, long[][][] featureHistograms,
                         double[] correlationR, double[] correlation, double domainLength,
                         double[] kmeansCorrelation, double kmeansLength, int profileDomain,
                         PressureProfile.Result profile) {
    }

    /**
     * Analyses one frame.
     *
     * @param frame         positions, species and box
     * @param features      descriptor vector per particle, [particle][feature] (for the histograms; may be null)
     * @param pcs           PC coordinates per particle, [particle][component]
     * @param kmeansLabels  K-means state per particle
     * @param speciesCount  number of species of the model
     */
    public static Result analyse(FrameView frame, double[][] features, double[][] pcs, int[] kmeansLabels,
                                 int speciesCount, Settings s) {
        int n = frame.n();
        int k = s.states();
        CoLearning.Result co = CoLearning.run(pcs, frame, kmeansLabels, k, s.coLearning());
        int[] labels = CoLearning.orderedBy(pcs, co.labels(), k, 0);
        int[] map = new int[k]; // old state -> new state
        for (int i = 0; i < n; i++) {
            map[co.labels()[i]] = labels[i];
        }
        List<PeriodicDomains.Domain> domains = new ArrayList<>();
        for (PeriodicDomains.Domain d : co.domains().domains()) {
            domains.add(new PeriodicDomains.Domain(map[d.state()], d.size(), d.members(), d.speciesCounts(), d.centre(),
                    d.wrapped(), d.radiusOfGyration()));
        }
        double half = 0.5 * Math.min(frame.boxX(), Math.min(frame.boxY(), frame.dims() == 3 ? frame.boxZ()
                : Double.POSITIVE_INFINITY));
        double rMax = Math.min(s.rMax(), half * (1 - 1e-9));
        int bins = s.bins();
        double w = rMax / bins;
        double[] r = new double[bins];
        for (int b = 0; b < bins; b++) {
            r[b] = (b + 0.5) * w;
        }
        // g_s(r): every pair counted from each end, normalised by N rho V_shell
        double[][] counts = new double[k][bins];
        Neighbours nb = Neighbours.within(frame, rMax);
        for (int i = 0; i < n; i++) {
            double[] c = counts[labels[i]];
            for (int e = nb.start(i); e < nb.start(i + 1); e++) {
                int b = (int) (nb.distance(e) / w);
                if (b < bins) {
                    c[b]++;
                }
            }
        }
        double volume = frame.dims() == 3 ? frame.boxX() * frame.boxY() * frame.boxZ() : frame.boxX() * frame.boxY();
        double rho = (n - 1) / volume; // partners of a particle: N - 1 others, as RadialDistribution
        double[][] g = new double[k][bins];
        double[] gTotal = new double[bins];
        for (int b = 0; b < bins; b++) {
            double r0 = b * w;
            double r1 = r0 + w;
            double shell = RadialDistribution.shellVolume(frame.dims(), r0, r1);
            for (int st = 0; st < k; st++) {
                g[st][b] = counts[st][b] / (n * rho * shell);
                gTotal[b] += g[st][b];
            }
        }
        long[][] speciesInState = new long[speciesCount][k];
        int[] species = frame.species();
        for (int i = 0; i < n; i++) {
            speciesInState[species[i]][labels[i]]++;
        }
        long[][][] hist = null;
        if (s.featureAxes() != null && features != null) {
            BinAxis[] axes = s.featureAxes();
            hist = new long[axes.length][k][];
            for (int f = 0; f < axes.length; f++) {
                for (int st = 0; st < k; st++) {
                    hist[f][st] = new long[axes[f].bins()];
                }
            }
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < axes.length; f++) {
                    int b = axes[f].index(features[i][f]);
                    if (b >= 0) {
                        hist[f][labels[i]][b]++;
                    }
                }
            }
        }
        DomainCorrelation.Result c = DomainCorrelation.compute(frame, DomainCorrelation.psiOf(labels, 0), rMax, bins);
        DomainCorrelation.Result ck = DomainCorrelation.compute(frame, DomainCorrelation.psiOf(kmeansLabels, 0), rMax,
                bins);
        int centred = -1;
        PressureProfile.Result profile = null;
        if (frame.virial() != null) {
            for (int d = 0; d < domains.size(); d++) {
                if (!domains.get(d).spansBox() && (centred < 0 || domains.get(d).size() > domains.get(centred).size())) {
                    centred = d;
                }
            }
            if (centred >= 0) {
                profile = PressureProfile.compute(frame, s.speciesMass(), domains.get(centred).centre(),
                        new PressureProfile.Options(rMax, bins, s.temperature()));
            }
        }
        return new Result(labels, kmeansLabels.clone(), co.domains().domainOf(), domains, co.iterations(), co.converged(),
                r, g, gTotal, speciesInState, hist, c.r(), c.connected(), c.zeroCrossingLength(), ck.connected(),
                ck.zeroCrossingLength(), centred, profile);
    }
}
