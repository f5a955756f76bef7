package glassworks.md;

import java.util.SplittableRandom;

/**
 * Maxwell-Boltzmann velocities: Gaussian components of variance kT/m drawn in particle-id order (so the internal
 * particle order cannot change them), total momentum removed, then scaled so the kinetic temperature 2 KE / dof is
 * exactly the target. Gaussians come from Box-Muller on the generator's doubles, not from a library routine whose
 * algorithm could change between Java versions.
 */
final class MaxwellBoltzmann {
    private MaxwellBoltzmann() {
    }

    static void assign(Particles p, int dims, double temperature, double dof, SplittableRandom rng) {
        int n = p.n;
        int[] indexOfId = new int[n];
        for (int i = 0; i < n; i++) {
            indexOfId[p.id[i]] = i;
        }
        double[] gauss = new double[2];
        int left = 0;
        double[][] v = {p.vx, p.vy, p.vz};
        for (int id = 0; id < n; id++) {
            int i = indexOfId[id];
            double sd = Math.sqrt(temperature * p.invMass[i]);
            for (int d = 0; d < dims; d++) { // in 2D vz stays 0
                if (left == 0) {
                    boxMuller(rng, gauss);
                    left = 2;
                }
                v[d][i] = sd * gauss[--left];
            }
        }
        double totalMass = 0;
        double[] mom = {0, 0, 0};
        for (int id = 0; id < n; id++) {
            int i = indexOfId[id];
            totalMass += p.mass[i];
            for (int d = 0; d < dims; d++) {
                mom[d] += p.mass[i] * v[d][i];
            }
        }
        for (int d = 0; d < dims; d++) {
            double vcm = mom[d] / totalMass;
            for (int i = 0; i < n; i++) {
                v[d][i] -= vcm;
            }
        }
        double current = p.twiceKinetic() / dof;
        if (current > 0) {
            p.scaleVelocities(Math.sqrt(temperature / current));
        }
    }

    private static void boxMuller(SplittableRandom rng, double[] out) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        out[0] = r * Math.cos(2 * Math.PI * u2);
        out[1] = r * Math.sin(2 * Math.PI * u2);
    }
}
