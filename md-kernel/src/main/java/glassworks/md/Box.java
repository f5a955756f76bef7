package glassworks.md;

/**
 * An orthorhombic periodic box spanning [0, lx) x [0, ly) x [0, lz) [sigma].
 *
 * @param lx edge x [sigma]
 * @param ly edge y [sigma]
 * @param lz edge z [sigma]
 */
public record Box(double lx, double ly, double lz) {
    public Box {
        if (!(lx > 0) || !(ly > 0) || !(lz > 0) || Double.isInfinite(lx) || Double.isInfinite(ly) || Double.isInfinite(lz)) {
            throw new IllegalArgumentException("box edges must be finite and > 0, got " + lx + " x " + ly + " x " + lz);
        }
    }

    /** A cube of edge {@code l}. */
    public static Box cubic(double l) {
        return new Box(l, l, l);
    }

    /** The cube holding {@code n} particles at number density {@code density}: L = (N/rho)^(1/3). */
    public static Box cubicForDensity(int n, double density) {
        return cubic(Math.cbrt(n / density));
    }

    public double volume() {
        return lx * ly * lz;
    }

    /** The shortest edge: a pair cutoff must stay below half of it for the minimum-image convention to hold. */
    public double minEdge() {
        return Math.min(lx, Math.min(ly, lz));
    }

    /** {@code v} mapped into [0, edge). Values already inside are returned unchanged, bit for bit. */
    static double wrap(double v, double edge) {
        if (v >= 0 && v < edge) {
            return v;
        }
        double w = v - edge * Math.floor(v / edge);
        return w >= edge ? 0.0 : w; // -1e-18 + edge rounds to edge; 0 is the same point
    }
}
