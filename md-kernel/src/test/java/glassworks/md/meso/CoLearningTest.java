package glassworks.md.meso;

import glassworks.md.Box;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The co-learning loop on a synthetic two-phase liquid: a 16^3 jittered lattice (N = 4096, box 16 sigma) whose state 1
 * is the slab |x| &lt; 4 across the periodic boundary x = 0, with PC-space features drawn per state from overlapping
 * Gaussians and initial labels from K-means (or the truth with 10% flipped).
 */
class CoLearningTest {
    private static final int M = 16;
    private static final Box BOX = Box.cubic(M);
    private static final double[][] P = TwoPhase.lattice(3, M, 0.2, 41);
    private static final int[] TRUTH = TwoPhase.slab(P[0], M, 0.0, 4.0);

    private static CoLearning.Result run(double[][] features, int[] initial, CoLearning.Options o) {
        return CoLearning.run(features, BOX, P[0], P[1], P[2], null, initial, 2, o);
    }

    private static void print(String what, int[] initial, CoLearning.Result r) {
        System.out.printf("%s: initial %.4f correct, final %.4f, %d iterations, converged %b%n", what,
                TwoPhase.agreement(TRUTH, initial), TwoPhase.agreement(TRUTH, r.labels()), r.iterations().size(),
                r.converged());
        for (CoLearning.Iteration it : r.iterations()) {
            System.out.printf("  it %d: real %.4f pc %.4f total %.4f domains %s lnL/N %.4f (EM %d)%n", it.index(),
                    it.realRelabelled(), it.pcRelabelled(), it.relabelled(), java.util.Arrays.toString(it.domainsPerState()),
                    it.pcLogLikelihood(), it.gmmIterations());
        }
    }

    /**
     * Features whose states share a covariance tilted 45 degrees from the line of their means: K-means (Euclidean) cuts
     * perpendicular to that line and misclassifies a few %, the Gaussian mixture learns the tilt. From K-means labels and
     * from 10%-noisy labels the loop converges within a few iterations to >= 99% of the truth, keeps the input's state
     * numbering, and gives the same answer twice.
     */
    @Test
    void recoversTheSlabFromKMeansAndFromNoisyLabels() {
        double[][] cov = TwoPhase.tilted(1.0, 0.09, 0.25);
        double[][] features = TwoPhase.features(TRUTH, new double[][]{{0, 0, 0}, {2.8, 0, 0}},
                new double[][][]{cov, cov}, 42);
        int[] kmeans = GaussianMixtureEm.kMeans(features, 2, 1, 300);
        double kmeansAccuracy = TwoPhase.agreement(TRUTH, kmeans);
        assertTrue(kmeansAccuracy > 0.9 && kmeansAccuracy < 0.99, "premise: K-means errs by a few %: " + kmeansAccuracy);
        CoLearning.Options o = CoLearning.Options.defaults(1.5);

        CoLearning.Result r = run(features, kmeans, o);
        print("tilted features from K-means", kmeans, r);
        assertTrue(r.converged());
        assertTrue(r.iterations().size() <= 5, "iterations " + r.iterations().size());
        assertTrue(TwoPhase.agreement(TRUTH, r.labels()) >= 0.99);
        assertTrue(TwoPhase.equal(kmeans, r.labels()) > 0.9, "states keep K-means' numbering");
        CoLearning.Iteration first = r.iterations().get(0);
        assertTrue(first.relabelled() > 0.01, "the first iteration corrects K-means");
        int[] finalDomains = r.domains().countsByState(2);
        assertEquals(finalDomains[0], r.iterations().get(r.iterations().size() - 1).domainsPerState()[0]);
        assertTrue(r.initialDomainsPerState()[0] + r.initialDomainsPerState()[1] > finalDomains[0] + finalDomains[1],
                "fewer, cleaner domains at the end");
        assertTrue(r.domains().ofState(slabState(r)).get(0).size() > 1900, "the slab is one big domain");

        CoLearning.Result again = run(features, kmeans, o);
        assertArrayEquals(r.labels(), again.labels());
        assertEquals(r.iterations().size(), again.iterations().size());
        for (int i = 0; i < r.iterations().size(); i++) {
            assertEquals(r.iterations().get(i).pcLogLikelihood(), again.iterations().get(i).pcLogLikelihood(), 0.0);
        }

        int[] noisy = TwoPhase.flip(TRUTH, 0.10, 43);
        CoLearning.Result fromNoise = run(features, noisy, o);
        print("tilted features from 10% noise", noisy, fromNoise);
        assertTrue(fromNoise.converged());
        assertTrue(TwoPhase.equal(TRUTH, fromNoise.labels()) >= 0.99);
        assertTrue(fromNoise.iterations().get(0).realRelabelled() > 0.04, "real space absorbs scattered flips");
    }

    /**
     * Isotropic features 4.1 standard deviations apart: the states overlap by 2% in PC space, a floor for any labelling
     * from the features alone, so the seed-literal loop stays below 99%; with the real-space posterior as the PC step's
     * prior the slab's interior fixes the ambiguous particles and the loop reaches >= 99%.
     */
    @Test
    void spatialPriorBeatsTheOverlapOfTheFeatures() {
        double[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] features = TwoPhase.features(TRUTH, new double[][]{{0, 0, 0}, {4.1, 0, 0}},
                new double[][][]{eye, eye}, 44);
        int[] kmeans = GaussianMixtureEm.kMeans(features, 2, 2, 300);
        CoLearning.Options literal = CoLearning.Options.defaults(1.5);
        CoLearning.Result plain = run(features, kmeans, literal);
        CoLearning.Result prior = run(features, kmeans, literal.withSpatialPrior(true));
        print("isotropic overlap, seed-literal", kmeans, plain);
        print("isotropic overlap, spatial prior", kmeans, prior);
        double plainAccuracy = TwoPhase.agreement(TRUTH, plain.labels());
        double priorAccuracy = TwoPhase.agreement(TRUTH, prior.labels());
        assertTrue(plain.converged() && prior.converged());
        assertTrue(plainAccuracy > 0.95 && plainAccuracy < 0.99, "features alone: " + plainAccuracy);
        assertTrue(priorAccuracy >= 0.99, "with the spatial prior: " + priorAccuracy);
    }

    /** The loop in 2D: a 48 x 48 lattice with a slab across x = 0. */
    @Test
    void runsInTwoDimensions() {
        int m = 48;
        double[][] p = TwoPhase.lattice(2, m, 0.2, 45);
        int[] truth = TwoPhase.slab(p[0], m, 0.0, m / 4.0);
        double[][] cov = {{1, 0.6}, {0.6, 1}};
        double[][] features = TwoPhase.features(truth, new double[][]{{0, 0}, {2.4, -2.4}}, new double[][][]{cov, cov}, 46);
        int[] initial = TwoPhase.flip(truth, 0.1, 47);
        CoLearning.Result r = CoLearning.run(features, Box.planar(m, m), p[0], p[1], null, null, initial, 2,
                CoLearning.Options.defaults(1.5));
        assertTrue(r.converged());
        assertTrue(TwoPhase.equal(truth, r.labels()) >= 0.99, "2D: " + TwoPhase.equal(truth, r.labels()));
    }

    @Test
    void orderedByRenumbersStatesByTheirMeanFeature() {
        double[][] f = {{5}, {4}, {-1}, {0}, {6}};
        int[] labels = {0, 0, 1, 1, 2};
        assertArrayEquals(new int[]{1, 1, 0, 0, 2}, CoLearning.orderedBy(f, labels, 3, 0));
    }

    @Test
    void refusesAStateWithoutParticles() {
        double[][] f = new double[TRUTH.length][1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(f, new int[TRUTH.length], CoLearning.Options.defaults(1.5)));
        assertTrue(e.getMessage().contains("state 1"));
    }

    private static int slabState(CoLearning.Result r) {
        int same = 0;
        for (int i = 0; i < TRUTH.length; i++) {
            same += r.labels()[i] == TRUTH[i] ? 1 : 0;
        }
        return same > TRUTH.length / 2 ? 1 : 0;
    }
}
