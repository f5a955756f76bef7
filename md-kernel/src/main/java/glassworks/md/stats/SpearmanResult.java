package glassworks.md.stats;

/**
 * Spearman's rank correlation of paired values.
 *
 * @param rho     Pearson correlation of the ranks (ties get their mean rank), in [-1, 1]; NaN for n &lt; 2 or when
 *                either variable is constant
 * @param n       number of pairs used (pairs with a NaN in x or y dropped)
 * @param dropped number of pairs dropped for a NaN
 * @param pValue  two-sided p-value of H0: no monotone association, from the t approximation
 *                rho sqrt((n − 2) / (1 − rho^2)) ~ t(n − 2), as R's {@code cor.test(method = "spearman",
 *                exact = FALSE)}; an approximation for small n (there R's default, for n &lt; 1290 without ties, is
 *                an exact permutation p-value); NaN for n &lt; 3
 */
public record SpearmanResult(double rho, int n, int dropped, double pValue) {
}
