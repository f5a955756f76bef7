package glassworks.md.meso;

import glassworks.md.Box;
import glassworks.md.FrameView;
import glassworks.md.structure.Neighbours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Real-space domains of a labelled configuration (seed 000, section II, co-learning step 2a: "a direct mapping of
 * particles identities in the PC space to identify distinct nano-domains in the real space"): the connected components
 * of the graph whose edges join particles closer than a cutoff [sigma] that carry the same state label, found by
 * union-find on the periodic neighbour list, so that a domain cut by the periodic boundary is one domain, not two. A
 * natural cutoff is the first minimum of the total g(r) (about 1.4-1.5 sigma for Kob-Andersen).
 *
 * <p><b>Geometry.</b> Each domain is unwrapped by a breadth-first walk over its bonds, each step the minimum-image
 * bond vector, from its lowest-index particle. A bond that closes a loop with a mismatch of a whole box edge along an
 * axis means the domain wraps onto itself along that axis (it percolates through the periodic boundary): that axis is
 * flagged in {@link Domain#wrapped()}. Along an axis that is not wrapped the centre is the mean unwrapped coordinate and
 * the offsets of the members are their unwrapped coordinates minus it; along a wrapped axis the domain has no position,
 * the centre falls back to the circular mean (the angle of sum_i exp(2 pi i x_i / L)) and the offsets to the minimum-image
 * separations from that centre. The radius of gyration is sqrt(mean |offset|^2) [sigma] over those offsets: the true one
 * for a domain that does not wrap, a bounded box-scale number for one that does. An unwrapped domain longer than half a
 * box edge is represented correctly by its offsets, but a minimum-image displacement to its centre (as
 * {@link DomainGaussians} uses) then sees its far end on the wrong side.
 *
 * <p><b>Order.</b> Domains are listed by state, then by decreasing size, then by their lowest particle index, so the
 * result does not depend on the neighbour list's visiting order and "the largest domain of state s" is the first one.
 *
 * <p>2D when {@code box.lz() == 0} (the kernel's convention): z is ignored (may be null) and z offsets are 0.
 */
public final class PeriodicDomains {
    private PeriodicDomains() {
    }

    /**
     * One domain.
     *
     * @param state             its state label
     * @param size              number of particles
     * @param members           particle indices, increasing
     * @param speciesCounts     members per species (species index as in the input; length 1, all in species 0, when no
     *                          species were given)
     * @param centre            x, y, z of its centre wrapped into the box [sigma] (z = 0 in 2D)
     * @param wrapped           per axis x, y, z: whether the domain wraps onto itself through the periodic boundary
     * @param radiusOfGyration  sqrt(mean |offset|^2) [sigma]
     */
    public record Domain(int state, int size, int[] members, int[] speciesCounts, double[] centre, boolean[] wrapped,
                         double radiusOfGyration) {
        /** Whether the domain percolates: it wraps onto itself along at least one axis. */
        public boolean spansBox() {
            return wrapped[0] || wrapped[1] || wrapped[2];
        }
    }

    /**
     * The domains of one labelled frame. The arrays are owned by the result: do not modify them.
     *
     * @param box      the periodic box
     * @param domains  all domains, in the documented order
     * @param domainOf per particle: its index in {@code domains}
     * @param offsetX  per particle: x of its unwrapped position relative to its domain's centre [sigma]
     * @param offsetY  y offset [sigma]
     * @param offsetZ  z offset [sigma] (0 in 2D)
     * @param cutoff   the bond cutoff used [sigma]
     */
    public record Result(Box box, List<Domain> domains, int[] domainOf, double[] offsetX, double[] offsetY,
                         double[] offsetZ, double cutoff) {
        /** Number of domains. */
        public int count() {
            return domains.size();
        }

        /** Number of particles. */
        public int particles() {
            return domainOf.length;
        }

        /** The domains of one state, largest first. */
        public List<Domain> ofState(int state) {
            return domains.stream().filter(d -> d.state() == state).toList();
        }

        /** Number of domains per state 0..states-1. */
        public int[] countsByState(int states) {
            int[] c = new int[states];
            for (Domain d : domains) {
                if (d.state() < states) {
                    c[d.state()]++;
                }
            }
            return c;
        }
    }

    /** Domains of a stored frame with bond cutoff {@code cutoff} [sigma]; species from the frame. */
    public static Result find(FrameView frame, int[] labels, double cutoff) {
        Box box = Neighbours.box(frame);
        Neighbours nb = Neighbours.within(box, frame.x(), frame.y(), frame.z(), frame.n(), cutoff);
        return find(nb, box, frame.x(), frame.y(), frame.z(), labels, frame.species(), cutoff);
    }

    /** Domains of n = labels.length particles at (x, y, z) (wrapped or not); species may be null. */
    public static Result find(Box box, double[] x, double[] y, double[] z, int[] labels, int[] species, double cutoff) {
        Neighbours nb = Neighbours.within(box, x, y, z, labels.length, cutoff);
        return find(nb, box, x, y, z, labels, species, cutoff);
    }

    /**
     * Domains on a prebuilt neighbour list (reuse it when the same positions are labelled again, as the co-learning
     * loop does); {@code cutoff} is only recorded. The list must have been built on these positions.
     */
    public static Result find(Neighbours nb, Box box, double[] x, double[] y, double[] z, int[] labels, int[] species,
                              double cutoff) {
        int n = labels.length;
        if (nb.size() != n) {
            throw new IllegalArgumentException("neighbour list has " + nb.size() + " particles, labels " + n);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("state labels must be >= 0, particle " + i + " has " + labels[i]);
            }
        }
        boolean planar = box.dims() == 2;
        double[] edge = {box.lx(), box.ly(), planar ? 0 : box.lz()};
        int nSpecies = 1;
        if (species != null) {
            for (int s : species) {
                nSpecies = Math.max(nSpecies, s + 1);
            }
        }

        // union-find over same-state bonds (path halving, union by size)
        int[] parent = new int[n];
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            rank[i] = 1;
        }
        for (int i = 0; i < n; i++) {
            for (int k = nb.start(i); k < nb.start(i + 1); k++) {
                int j = nb.neighbour(k);
                if (j > i && labels[j] == labels[i]) {
                    int a = root(parent, i);
                    int b = root(parent, j);
                    if (a != b) {
                        if (rank[a] < rank[b]) {
                            int t = a;
                            a = b;
                            b = t;
                        }
                        parent[b] = a;
                        rank[a] += rank[b];
                    }
                }
            }
        }
        // group members by root; components in order of their lowest member
        int[] compOfRoot = new int[n];
        Arrays.fill(compOfRoot, -1);
        int[] comp = new int[n];
        int nc = 0;
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (compOfRoot[r] < 0) {
                compOfRoot[r] = nc++;
            }
            comp[i] = compOfRoot[r];
        }
        int[] compSize = new int[nc];
        for (int i = 0; i < n; i++) {
            compSize[comp[i]]++;
        }
        int[][] members = new int[nc][];
        for (int c = 0; c < nc; c++) {
            members[c] = new int[compSize[c]];
        }
        int[] fill = new int[nc];
        for (int i = 0; i < n; i++) {
            members[comp[i]][fill[comp[i]]++] = i;
        }

        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] uz = new double[n];
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        double[] ox = new double[n];
        double[] oy = new double[n];
        double[] oz = new double[n];
        Domain[] found = new Domain[nc];
        for (int c = 0; c < nc; c++) {
            int[] m = members[c];
            boolean[] wrapped = new boolean[3];
            // breadth-first unwrapping from the lowest member, its wrapped position as the anchor
            int first = m[0];
            ux[first] = Gaussians.wrap(x[first], edge[0]);
            uy[first] = Gaussians.wrap(y[first], edge[1]);
            uz[first] = planar ? 0 : Gaussians.wrap(z[first], edge[2]);
            seen[first] = true;
            int head = 0;
            int tail = 0;
            queue[tail++] = first;
            while (head < tail) {
                int i = queue[head++];
                for (int k = nb.start(i); k < nb.start(i + 1); k++) {
                    int j = nb.neighbour(k);
                    if (labels[j] != labels[i]) {
                        continue;
                    }
                    double px = ux[i] + nb.dx(k);
                    double py = uy[i] + nb.dy(k);
                    double pz = uz[i] + nb.dz(k);
                    if (!seen[j]) {
                        seen[j] = true;
                        ux[j] = px;
                        uy[j] = py;
                        uz[j] = pz;
                        queue[tail++] = j;
                    } else {
                        // a loop that closes a whole edge away: the domain is its own periodic image along that axis
                        wrapped[0] |= Math.abs(ux[j] - px) > 0.5 * edge[0];
                        wrapped[1] |= Math.abs(uy[j] - py) > 0.5 * edge[1];
                        wrapped[2] |= !planar && Math.abs(uz[j] - pz) > 0.5 * edge[2];
                    }
                }
            }
            double[] centre = new double[3];
            double[][] u = {ux, uy, uz};
            double[][] raw = {x, y, z};
            double[][] off = {ox, oy, oz};
            for (int a = 0; a < (planar ? 2 : 3); a++) {
                double l = edge[a];
                if (!wrapped[a]) {
                    double s = 0;
                    for (int i : m) {
                        s += u[a][i];
                    }
                    double mean = s / m.length;
                    for (int i : m) {
                        off[a][i] = u[a][i] - mean;
                    }
                    centre[a] = Gaussians.wrap(mean, l);
                } else {
                    double cs = 0;
                    double sn = 0;
                    for (int i : m) {
                        double t = 2 * Math.PI * raw[a][i] / l;
                        cs += Math.cos(t);
                        sn += Math.sin(t);
                    }
                    centre[a] = Gaussians.wrap(Math.atan2(sn, cs) * l / (2 * Math.PI), l);
                    for (int i : m) {
                        off[a][i] = Gaussians.minimumImage(raw[a][i] - centre[a], l);
                    }
                }
            }
            double rg = 0;
            int[] counts = new int[nSpecies];
            for (int i : m) {
                rg += ox[i] * ox[i] + oy[i] * oy[i] + oz[i] * oz[i];
                counts[species == null ? 0 : species[i]]++;
            }
            found[c] = new Domain(labels[first], m.length, m, counts, centre, wrapped, Math.sqrt(rg / m.length));
        }

        Integer[] order = new Integer[nc];
        for (int c = 0; c < nc; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(c -> found[c].state())
                .thenComparingInt(c -> -found[c].size()).thenComparingInt(c -> found[c].members()[0]));
        List<Domain> domains = new ArrayList<>(nc);
        int[] rankOf = new int[nc];
        for (int r = 0; r < nc; r++) {
            domains.add(found[order[r]]);
            rankOf[order[r]] = r;
        }
        int[] domainOf = new int[n];
        for (int i = 0; i < n; i++) {
            domainOf[i] = rankOf[comp[i]];
        }
        return new Result(box, List.copyOf(domains), domainOf, ox, oy, oz, cutoff);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
