package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several descriptors side by side: particle i's vector is its vector of the first part, then of the second, and so on.
 * Seed 004's Ch. 3 standard set is {@code new Concatenation(List.of(gx, qshell))} (100 + 35 = 135 features); wrapped in
 * {@link NeighbourAverage#boattini} it becomes the 405-feature higher-order set.
 *
 * <p>Family: the parts' families joined by {@code +} (e.g. {@code gx+qshell}). Feature names are the parts' names
 * prefixed by the part's family and a colon ({@code gx:G_A(1.30)}); a family that occurs twice is numbered by position
 * ({@code gx#1:}, {@code gx#2:}). {@link #parameters()} holds every part's family and parameters under the same prefixes
 * ({@code gx.family}, {@code gx.delta}, ...), so the fingerprint changes when any part's parameter does.
 *
 * <p>Neighbour sharing: parts that implement {@link SharedNeighbours} (and nested concatenations) are handed one
 * {@link Neighbours} list built at the largest of their cutoffs, so a frame costs one neighbour build however many such
 * parts there are (each part reads its sorted rows only up to its own cutoff, so the numbers are those of the part
 * computed alone). Other parts compute on their own. A concatenation offers the same two methods as
 * {@link SharedNeighbours} without implementing it (Java forbids a class to implement its own nested interface); the
 * package's composites treat it as sharing (package-private {@code sharedCutoff}, {@code computeShared}).
 */
public final class Concatenation implements Descriptor {
    private static final long serialVersionUID = 1L;

    /**
     * A descriptor that can compute from a neighbour list built by someone else, so that composite descriptors build
     * one list per frame. Implementations must read each (distance-sorted) row only up to their own
     * {@link #neighbourCutoff()}, so that a longer shared list gives the same numbers as their own (up to the last bit:
     * a list built with another cutoff bins into another cell grid, which may round a separation differently).
     */
    public interface SharedNeighbours extends Descriptor {
        /** The neighbour cutoff this descriptor needs [sigma]; 0 when it needs no neighbour list from outside. */
        double neighbourCutoff();

        /**
         * As {@link Descriptor#compute(FrameView, double[])} from {@code nb}, a list of this frame built with a cutoff of
         * at least {@link #neighbourCutoff()}; with {@code nb} null the descriptor builds its own.
         */
        void compute(FrameView frame, Neighbours nb, double[] out);
    }

    private final List<Descriptor> parts;
    private final List<String> prefixes;
    private final List<String> names;
    private final int[] offset;
    private final double cutoff;

    /** @param parts the descriptors, in vector order; at least one, none null */
    public Concatenation(List<? extends Descriptor> parts) {
        if (parts == null || parts.isEmpty() || parts.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a concatenation needs at least one descriptor and no nulls, got " + parts
                    + ": e.g. new Concatenation(List.of(gx, qshell)) for the thesis's 135 features");
        }
        this.parts = List.copyOf(parts);
        Map<String, Integer> seen = new HashMap<>();
        for (Descriptor d : parts) {
            seen.merge(d.family(), 1, Integer::sum);
        }
        List<String> pre = new ArrayList<>();
        List<String> n = new ArrayList<>();
        offset = new int[parts.size() + 1];
        double rc = 0;
        for (int k = 0; k < parts.size(); k++) {
            Descriptor d = parts.get(k);
            String p = seen.get(d.family()) > 1 ? d.family() + "#" + (k + 1) : d.family();
            pre.add(p);
            for (String name : d.featureNames()) {
                n.add(p + ":" + name);
            }
            offset[k + 1] = offset[k] + d.featureCount();
            rc = Math.max(rc, sharedCutoff(d));
        }
        this.prefixes = List.copyOf(pre);
        this.names = List.copyOf(n);
        this.cutoff = rc;
    }

    /** Convenience: {@code new Concatenation(List.of(parts))}. */
    public static Concatenation of(Descriptor... parts) {
        return new Concatenation(java.util.Arrays.asList(parts));
    }

    public List<Descriptor> parts() {
        return parts;
    }

    /** First column of part k in the concatenated vector (k may be the part count: the total length). */
    public int offset(int k) {
        return offset[k];
    }

    @Override
    public String family() {
        StringBuilder s = new StringBuilder();
        for (Descriptor d : parts) {
            if (s.length() > 0) {
                s.append('+');
            }
            s.append(d.family());
        }
        return s.toString();
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public int featureCount() {
        return names.size();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        for (int k = 0; k < parts.size(); k++) {
            Descriptor d = parts.get(k);
            String pre = prefixes.get(k);
            p.put(pre + ".family", d.family());
            for (Map.Entry<String, Object> e : d.parameters().entrySet()) {
                p.put(pre + "." + e.getKey(), e.getValue());
            }
        }
        return p;
    }

    /** The largest cutoff among parts that share neighbour lists [sigma]; 0 when none does. */
    public double neighbourCutoff() {
        return cutoff;
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        compute(frame, cutoff > 0 ? neighboursFor(this, frame, cutoff) : null, out);
    }

    /** As {@link SharedNeighbours#compute(FrameView, Neighbours, double[])}. */
    public void compute(FrameView frame, Neighbours nb, double[] out) {
        checkOutput(this, frame, out);
        int n = frame.n();
        int total = names.size();
        for (int k = 0; k < parts.size(); k++) {
            Descriptor d = parts.get(k);
            int fk = d.featureCount();
            double[] buf = new double[n * fk]; // one per part and frame
            computeShared(d, frame, nb, buf);
            int off = offset[k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(buf, i * fk, out, i * total + off, fk);
            }
        }
    }

    /** The cutoff a descriptor takes a shared list at [sigma]; 0 for one that builds its own or needs none. */
    static double sharedCutoff(Descriptor d) {
        if (d instanceof SharedNeighbours s) {
            return s.neighbourCutoff();
        }
        if (d instanceof Concatenation c) {
            return c.neighbourCutoff();
        }
        return 0;
    }

    /** Computes d from the shared list nb when d can take one (and nb is there), else on its own. */
    static void computeShared(Descriptor d, FrameView frame, Neighbours nb, double[] out) {
        if (nb != null && sharedCutoff(d) > 0) {
            if (d instanceof SharedNeighbours s) {
                s.compute(frame, nb, out);
            } else {
                ((Concatenation) d).compute(frame, nb, out);
            }
        } else {
            d.compute(frame, out);
        }
    }

    /**
     * The neighbour list of a frame for descriptor {@code d}; a cutoff beyond half the box fails with {@link Neighbours}'
     * message, prefixed with the descriptor that asked.
     */
    static Neighbours neighboursFor(Descriptor d, FrameView frame, double cutoff) {
        try {
            return Neighbours.within(frame, cutoff);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(d.family() + " " + new TreeMap<>(d.parameters()) + " needs neighbours "
                    + "within " + cutoff + " sigma: " + e.getMessage(), e);
        }
    }

    /** Refuses an output array shorter than n * featureCount. */
    static void checkOutput(Descriptor d, FrameView frame, double[] out) {
        long need = (long) frame.n() * d.featureCount();
        if (out == null || out.length < need) {
            throw new IllegalArgumentException(d.family() + ": output array of length "
                    + (out == null ? "null" : out.length) + " is shorter than n * features = " + frame.n() + " * "
                    + d.featureCount() + " = " + need + ": allocate at least that (or call compute(frame))");
        }
    }

    @Override
    public String toString() {
        return family() + parameters();
    }
}
