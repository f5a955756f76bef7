package glassworks.md.meso;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EM recovers a synthetic two-component mixture within standard errors; BIC picks K = 2; one component is exact. */
class GaussianMixtureEmTest {
    private static final double[] WEIGHTS = {0.3, 0.7};
    private static final double[][] MEANS = {{0, 0}, {4, 1}};
    private static final double[][][] COVS = {{{1, 0.5}, {0.5, 1}}, {{0.5, -0.2}, {-0.2, 2}}};
    private static final int N = 4000;

    private static int[] truth() {
        int[] t = new int[N];
        java.util.Random rnd = new java.util.Random(11);
        for (int i = 0; i < N; i++) {
            t[i] = rnd.nextDouble() < WEIGHTS[0] ? 0 : 1;
        }
        return t;
    }

    @Test
    void recoversWeightsMeansAndCovariancesWithinStandardErrors() {
        int[] truth = truth();
        double[][] x = TwoPhase.features(truth, MEANS, COVS, 12);
        GaussianMixtureEm.Fit fit = GaussianMixtureEm.fromKMeans(x, 2, 5, GaussianMixtureEm.Options.defaults());
        assertTrue(fit.converged());
        GaussianMixtureEm.Model m = fit.model();
        // match components to the truth by the nearer mean
        int first = m.means()[0][0] < 2 ? 0 : 1;
        for (int s = 0; s < 2; s++) {
            int c = s == 0 ? first : 1 - first;
            double w = WEIGHTS[s];
            double nk = N * w;
            assertEquals(w, m.weights()[c], 4 * Math.sqrt(w * (1 - w) / N), "weight " + s);
            for (int a = 0; a < 2; a++) {
                assertEquals(MEANS[s][a], m.means()[c][a], 4 * Math.sqrt(COVS[s][a][a] / nk), "mean " + s + "," + a);
                for (int b = 0; b < 2; b++) {
                    double se = Math.sqrt((COVS[s][a][a] * COVS[s][b][b] + COVS[s][a][b] * COVS[s][a][b]) / nk);
                    assertEquals(COVS[s][a][b], m.covariances()[c][a][b], 4 * se, "covariance " + s + "," + a + b);
                }
            }
        }
        // the fit's labels and likelihood are those of its returned model
        assertArrayEquals(m.predict(x), fit.labels());
        assertEquals(m.logLikelihood(x), fit.logLikelihood(), 1e-9 * Math.abs(fit.logLikelihood()));
        double[][] post = m.posteriors(x);
        assertEquals(1.0, post[17][0] + post[17][1], 1e-12);
        assertTrue(TwoPhase.agreement(truth, fit.labels()) > 0.97);
    }

    @Test
    void bicPrefersTwoComponentsOverOneAndThree() {
        double[][] x = TwoPhase.features(truth(), MEANS, COVS, 13);
        GaussianMixtureEm.Options o = GaussianMixtureEm.Options.defaults();
        double[] bic = new double[4];
        for (int k = 1; k <= 3; k++) {
            bic[k] = GaussianMixtureEm.fromKMeans(x, k, 9, o).bic();
        }
        assertTrue(bic[2] < bic[1], "BIC(2) " + bic[2] + " vs BIC(1) " + bic[1]);
        assertTrue(bic[2] < bic[3], "BIC(2) " + bic[2] + " vs BIC(3) " + bic[3]);
        assertEquals(17, GaussianMixtureEm.parameters(3, 2));
        assertEquals(-2 * -100.0 + 11 * Math.log(50), GaussianMixtureEm.bic(-100, 2, 2, 50), 1e-12);
    }

    /** From hard labels, component k is the state labelled k (the numbering is kept), deterministically. */
    @Test
    void labelsKeepTheirNumberingAndFitsAreDeterministic() {
        int[] truth = truth();
        double[][] x = TwoPhase.features(truth, MEANS, COVS, 14);
        int[] swapped = new int[N];
        for (int i = 0; i < N; i++) {
            swapped[i] = 1 - truth[i];
        }
        GaussianMixtureEm.Fit a = GaussianMixtureEm.fromLabels(x, 2, swapped, GaussianMixtureEm.Options.defaults());
        GaussianMixtureEm.Fit b = GaussianMixtureEm.fromLabels(x, 2, swapped, GaussianMixtureEm.Options.defaults());
        assertTrue(a.model().means()[1][0] < 2 && a.model().means()[0][0] > 2, "component 1 is the state labelled 1");
        assertTrue(TwoPhase.equal(swapped, a.labels()) > 0.97);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.logLikelihood(), b.logLikelihood(), 0.0);
        assertArrayEquals(GaussianMixtureEm.kMeans(x, 2, 3, 100), GaussianMixtureEm.kMeans(x, 2, 3, 100));
    }

    /** K = 1 is closed-form: the sample mean and the biased sample covariance plus reg_covar. */
    @Test
    void oneComponentIsTheSampleMeanAndCovariance() {
        double[][] x = {{1, 2}, {2, 1}, {3, 5}, {0, 0}, {4, 2}};
        double reg = 1e-3;
        GaussianMixtureEm.Fit f = GaussianMixtureEm.fromLabels(x, 1, new int[5], new GaussianMixtureEm.Options(50, 1e-9, reg));
        assertTrue(f.converged());
        double mx = 2;
        double my = 2;
        double sxx = (1 + 0 + 1 + 4 + 4) / 5.0;
        double syy = (0 + 1 + 9 + 4 + 0) / 5.0;
        double sxy = ((-1) * 0 + 0 * (-1) + 1 * 3 + (-2) * (-2) + 2 * 0) / 5.0;
        assertEquals(mx, f.model().means()[0][0], 1e-12);
        assertEquals(my, f.model().means()[0][1], 1e-12);
        assertEquals(sxx + reg, f.model().covariances()[0][0][0], 1e-12);
        assertEquals(syy + reg, f.model().covariances()[0][1][1], 1e-12);
        assertEquals(sxy, f.model().covariances()[0][0][1], 1e-12);
        double det = (sxx + reg) * (syy + reg) - sxy * sxy;
        double ll = 0;
        for (double[] p : x) {
            double dx = p[0] - mx;
            double dy = p[1] - my;
            double q = ((syy + reg) * dx * dx - 2 * sxy * dx * dy + (sxx + reg) * dy * dy) / det;
            ll += -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
        }
        assertEquals(ll, f.logLikelihood(), 1e-9);
        assertEquals(-2 * ll + 5 * Math.log(5), f.bic(), 1e-9);
    }

    @Test
    void refusesLabelsOutsideTheComponents() {
        double[][] x = {{0}, {1}, {2}};
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureEm.fromLabels(x, 2, new int[]{0, 2, 1}, GaussianMixtureEm.Options.defaults()));
    }
}
