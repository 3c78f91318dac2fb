/**
 * Loss surfaces as plain arrays: grids of loss values, their colours and their contour lines, with no JavaFX.
 *
 * <ul>
 *   <li>{@link org.losslab.surface.SurfaceGrid}: nx x ny values, row-major (row j = theta2 index), with min, max
 *       and the grid argmin.</li>
 *   <li>{@link org.losslab.surface.ProblemGrid}: any {@link org.losslab.problem.Problem}, cell by cell, rows across
 *       cores, cancellable, coarse-first; {@code computeBest} picks the structured path where there is one.</li>
 *   <li>{@link org.losslab.surface.LinearRegressionGrid}: exact structured surfaces of linear regression (mse in
 *       O(N + G^2); mae, quantile, huber, smooth_l1 in O(N + G) per column).</li>
 *   <li>{@link org.losslab.surface.LogisticGrid}: exact structured surfaces of one-feature classification (hinge and
 *       squared hinge in O(N + G) per column; bce_logits by running sums, a series far from the boundary and
 *       products near it; bce on probabilities the same with its clamps at -100 reproduced; mse on sigma by counts,
 *       two series and a rational near part).</li>
 *   <li>{@link org.losslab.surface.GradientField}: gradient arrows on a subsampled lattice.</li>
 *   <li>{@link org.losslab.surface.ColorMap} and {@link org.losslab.surface.ColorScale}: viridis, linear or log,
 *       into a reused {@code int[]} of ARGB pixels; {@link org.losslab.surface.Ticks}: nice colour-bar ticks.</li>
 *   <li>{@link org.losslab.surface.Contours}: marching squares into labelled polylines.</li>
 *   <li>{@link org.losslab.surface.Workers} and {@link org.losslab.surface.CancelToken}: how work is split across
 *       cores and how a newer request drops an older one.</li>
 * </ul>
 *
 * <p>Threading: computations run on the thread that calls them (plus the helpers of the given
 * {@link org.losslab.surface.Workers}) and write into buffers passed in; a view computes on a worker thread and
 * hands a finished grid (or its pixels) to the UI thread.
 */
package org.losslab.surface;
