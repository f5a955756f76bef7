package glassworks.md;

/**
 * An orthorhombic periodic box spanning [0, lx) x [0, ly) x [0, lz) [sigma], or in 2D the periodic rectangle
 * [0, lx) x [0, ly), written with {@code lz = 0} (the convention of the frames table's box_z column).
 *
 * @param lx edge x [sigma]
 * @param ly edge y [sigma]
 * @param lz edge z [sigma]; 0 for a 2D box
 */
public record Box(double lx, double ly, double lz) implements java.io.Serializable {
    public Box {
        if (!(lx > 0) || !(ly > 0) || !(lz >= 0) || Double.isInfinite(lx) || Double.isInfinite(ly) || Double.isInfinite(lz)) {
            throw new IllegalArgumentException("box edges must be finite and > 0 (lz = 0 for 2D), got " + lx + " x " + ly
                    + " x " + lz);
        }
    }

    /** A 2D periodic rectangle {@code lx} x {@code ly}. */
    public static Box planar(double lx, double ly) {
        return new Box(lx, ly, 0.0);
    }

    /** The square (2D) or cube (3D) holding {@code n} particles at number density {@code density} [sigma^-dims]. */
    public static Box forDensity(int dims, int n, double density) {
        return dims == 2 ? planar(Math.sqrt(n / density), Math.sqrt(n / density)) : cubicForDensity(n, density);
    }

    /** 2 for a planar box (lz = 0), else 3. */
    public int dims() {
        return lz == 0 ? 2 : 3;
    }

    /** A cube of edge {@code l}. */
    public static Box cubic(double l) {
        return new Box(l, l, l);
    }

    /** The cube holding {@code n} particles at number density {@code density}: L = (N/rho)^(1/3). */
    public static Box cubicForDensity(int n, double density) {
        return cubic(Math.cbrt(n / density));
    }

    /** Volume (3D) or area (2D) [sigma^dims]. */
    public double volume() {
        return lz == 0 ? lx * ly : lx * ly * lz;
    }

    /** The shortest periodic edge: a pair cutoff must stay below half of it for the minimum-image convention to hold. */
    public double minEdge() {
        return lz == 0 ? Math.min(lx, ly) : Math.min(lx, Math.min(ly, lz));
    }

    /** The same shape scaled by {@code factor} along every periodic axis (barostat volume moves). */
    public Box scaled(double factor) {
        return new Box(lx * factor, ly * factor, lz * factor);
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
