package glassworks.md;

/**
 * The particle state as structure-of-arrays, in the kernel's internal (spatially sorted) order; {@link #id} maps an
 * internal index to the particle id users see.
 *
 * <p>Positions are wrapped into the box at every neighbour-list build and drift at most skin/2 outside it in between;
 * the image counters make {@code x + imageX * lx} the unwrapped coordinate at all times.
 */
final class Particles {
    final int n;
    double[] x;
    double[] y;
    double[] z;
    double[] vx;
    double[] vy;
    double[] vz;
    double[] fx;
    double[] fy;
    double[] fz;
    int[] imageX;
    int[] imageY;
    int[] imageZ;
    int[] species;
    /** particle id of each internal index */
    int[] id;
    double[] mass;
    double[] invMass;

    Particles(int n) {
        this.n = n;
        x = new double[n];
        y = new double[n];
        z = new double[n];
        vx = new double[n];
        vy = new double[n];
        vz = new double[n];
        fx = new double[n];
        fy = new double[n];
        fz = new double[n];
        imageX = new int[n];
        imageY = new int[n];
        imageZ = new int[n];
        species = new int[n];
        id = new int[n];
        mass = new double[n];
        invMass = new double[n];
    }

    /** Maps positions back into [0, L), counting the crossed images. */
    void wrap(Box box) {
        wrapAxis(x, imageX, box.lx());
        wrapAxis(y, imageY, box.ly());
        if (box.dims() == 3) { // in 2D z stays 0
            wrapAxis(z, imageZ, box.lz());
        }
    }

    private void wrapAxis(double[] r, int[] image, double edge) {
        for (int i = 0; i < n; i++) {
            double v = r[i];
            if (v >= 0 && v < edge) {
                continue;
            }
            double k = Math.floor(v / edge);
            double w = v - k * edge;
            if (w >= edge) { // v a hair below 0: v + edge rounds to edge
                w -= edge;
                k += 1;
            }
            if (w < 0) {
                w = 0;
            }
            r[i] = w;
            image[i] += (int) k;
        }
    }

    /** Reorders every per-particle array so that new index k holds old particle {@code order[k]}. */
    void permute(int[] order) {
        x = permuted(x, order);
        y = permuted(y, order);
        z = permuted(z, order);
        vx = permuted(vx, order);
        vy = permuted(vy, order);
        vz = permuted(vz, order);
        fx = permuted(fx, order);
        fy = permuted(fy, order);
        fz = permuted(fz, order);
        mass = permuted(mass, order);
        invMass = permuted(invMass, order);
        imageX = permuted(imageX, order);
        imageY = permuted(imageY, order);
        imageZ = permuted(imageZ, order);
        species = permuted(species, order);
        id = permuted(id, order);
    }

    private double[] permuted(double[] a, int[] order) {
        double[] b = new double[n];
        for (int k = 0; k < n; k++) {
            b[k] = a[order[k]];
        }
        return b;
    }

    private int[] permuted(int[] a, int[] order) {
        int[] b = new int[n];
        for (int k = 0; k < n; k++) {
            b[k] = a[order[k]];
        }
        return b;
    }

    /** Twice the kinetic energy, sum m v^2. */
    double twiceKinetic() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        }
        return s;
    }

    /** Total momentum (px, py, pz). */
    double[] momentum() {
        double px = 0;
        double py = 0;
        double pz = 0;
        for (int i = 0; i < n; i++) {
            px += mass[i] * vx[i];
            py += mass[i] * vy[i];
            pz += mass[i] * vz[i];
        }
        return new double[]{px, py, pz};
    }

    void scaleVelocities(double factor) {
        for (int i = 0; i < n; i++) {
            vx[i] *= factor;
            vy[i] *= factor;
            vz[i] *= factor;
        }
    }
}
