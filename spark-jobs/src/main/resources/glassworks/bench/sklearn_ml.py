"""scikit-learn yardstick of `bin/glassworks bench ml` (glassworks.spark.ml.MlBenchmark runs it; not a user tool).

    /usr/bin/python3 sklearn_ml.py CONFIG.json

CONFIG names the raw data file (rows x features little-endian float64, row-major: the numbers the Parquet file holds)
and every setting; the results go to CONFIG's "out" (JSON) and "kmeans_labels" / "gmm_labels" (one int8 per row, in
row order, canonical numbering). Timed stages, each with time.perf_counter():
  read    np.fromfile of the raw file
  pca     PCA(svd_solver="full") on all components (scikit-learn's choice for this shape), the fewest components whose
          cumulative explained-variance ratio is >= the threshold, signs fixed as Glassworks fixes them (largest-
          magnitude loading positive), and the centred projection onto them (what PCA.transform computes)
  kmeans  KMeans(n_clusters=K, init=<the given centres>, n_init=1, algorithm="lloyd", tol=0, max_iter) .fit
  gmm     GaussianMixture(K, covariance_type="full", tol, reg_covar=0, max_iter, weights/means/precisions_init)
          .fit_predict
The starts are MLlib's own (handed over by the benchmark) so that both libraries iterate from the same point.
Labels are renumbered canonically: clusters in increasing order of their centre's (mean's) first coordinate.
"""
import json
import resource
import sys
import time

import numpy as np


def canonical(labels, centres):
    order = sorted(range(len(centres)), key=lambda c: tuple(centres[c]))
    inverse = np.empty(len(centres), dtype=np.int8)
    for rank, c in enumerate(order):
        inverse[c] = rank
    return inverse[labels]


def main(path):
    with open(path) as f:
        cfg = json.load(f)
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.mixture import GaussianMixture
    try:
        from threadpoolctl import threadpool_info
        pools = sorted({"%s=%d" % (p.get("internal_api", "?"), p.get("num_threads", 0)) for p in threadpool_info()})
    except Exception:  # threadpoolctl is optional: only reported
        pools = []

    n, d, k = cfg["rows"], cfg["features"], cfg["k"]
    times = {}

    t0 = time.perf_counter()
    x = np.fromfile(cfg["data"], dtype="<f8")
    if x.size != n * d:
        raise SystemExit("sklearn_ml.py: %s holds %d numbers, expected %d x %d" % (cfg["data"], x.size, n, d))
    x = x.reshape(n, d)
    times["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    pca = PCA(svd_solver="full").fit(x)
    evr = pca.explained_variance_ratio_
    cumulative = np.cumsum(evr)
    reached = np.nonzero(cumulative >= cfg["threshold"])[0]
    kept = int(reached[0]) + 1 if reached.size else len(evr)
    components = pca.components_[:kept].copy()
    for j in range(kept):
        if components[j, int(np.argmax(np.abs(components[j])))] < 0:
            components[j] = -components[j]
    z = (x - pca.mean_) @ components.T
    times["pca"] = time.perf_counter() - t0
    del x

    result = {"sklearn": sklearn.__version__, "numpy": np.__version__, "threadpools": pools,
              "evr": evr.tolist(), "kept": kept}
    if kept != cfg["kept"]:
        # the starts below are in Glassworks' kept-component coordinates: without them nothing else compares
        result["times"] = times
        with open(cfg["out"], "w") as f:
            json.dump(result, f)
        return

    t0 = time.perf_counter()
    km = KMeans(n_clusters=k, init=np.array(cfg["kmeans_init"]), n_init=1, algorithm="lloyd", tol=0.0,
                max_iter=cfg["kmeans_max_iter"]).fit(z)
    km_labels = km.labels_
    times["kmeans"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    covs = np.array(cfg["gmm_covariances"])
    gm = GaussianMixture(n_components=k, covariance_type="full", tol=cfg["gmm_tol"], reg_covar=0.0,
                         max_iter=cfg["gmm_max_iter"], weights_init=np.array(cfg["gmm_weights"]),
                         means_init=np.array(cfg["gmm_means"]), precisions_init=np.linalg.inv(covs))
    gm_labels = gm.fit_predict(z)
    times["gmm"] = time.perf_counter() - t0

    canonical(km_labels, km.cluster_centers_).tofile(cfg["kmeans_labels"])
    canonical(gm_labels, gm.means_).tofile(cfg["gmm_labels"])
    result.update({"times": times, "kmeans_iterations": int(km.n_iter_), "kmeans_inertia": float(km.inertia_),
                   "gmm_iterations": int(gm.n_iter_), "gmm_converged": bool(gm.converged_),
                   "gmm_mean_loglik": float(gm.lower_bound_),
                   "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0})
    with open(cfg["out"], "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: sklearn_ml.py CONFIG.json")
    main(sys.argv[1])
