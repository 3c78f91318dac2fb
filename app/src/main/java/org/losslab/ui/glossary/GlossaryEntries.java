package org.losslab.ui.glossary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the glossary says of each loss beyond the kernel's own metadata: the formula as LaTeX (rendered as
 * mathematics), when the loss misleads, and where in the app it can be seen.
 */
public final class GlossaryEntries {
    /** Where a loss can be seen: a view of the main window. */
    public enum Place {
        DATA("Data view"), CLASSIFICATION("Classification view"), CURVES("Loss curves"),
        EMBEDDINGS("Embeddings view"), BOXES("Boxes view"), MSE_VS_BCE("Lesson: MSE vs BCE"),
        IMBALANCE("Lesson: imbalanced classes"), NEXT_TOKEN("Next-token view");

        private final String label;

        Place(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One loss's entry. */
    public record Entry(String latex, String misleads, Place place) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        put("mse", "\\ell(r) = r^2,\\quad r = \\hat{y} - y",
                "One outlier at distance 10 weighs as much as a hundred points at distance 1: the fit bends toward "
                        + "it. Its minimum is the mean, which a skewed target does not describe well.", Place.DATA);
        put("mae", "\\ell(r) = |r|",
                "Its gradient is ±1 whatever the size of the error, so descent does not slow down near the "
                        + "minimum (it oscillates unless the rate decays), and the minimum can be a whole interval.",
                Place.DATA);
        put("huber", "\\ell(r) = \\begin{cases} \\frac{1}{2} r^2 & |r| \\le \\delta \\\\ "
                        + "\\delta\\,(|r| - \\frac{1}{2}\\delta) & |r| > \\delta \\end{cases}",
                "δ is in the units of the target: a δ chosen for one scale makes it behave like MSE (δ too large) or "
                        + "MAE (δ too small) on another.", Place.DATA);
        put("smooth_l1", "\\ell(r) = \\begin{cases} \\frac{r^2}{2\\beta} & |r| < \\beta \\\\ "
                        + "|r| - \\frac{\\beta}{2} & |r| \\ge \\beta \\end{cases}",
                "Huber divided by β: its gradient far out is ±1 for every β, so changing β does not change how "
                        + "hard outliers pull, only the width of the quadratic bowl.", Place.DATA);
        put("log_cosh", "\\ell(r) = \\log\\cosh(r)",
                "Close to r²/2 near zero and |r| − log 2 far out, with no parameter to set where the change happens: "
                        + "the scale of the target decides it.", Place.DATA);
        put("quantile", "\\ell(u) = \\max(\\tau u,\\ (\\tau - 1)\\,u),\\quad u = y - \\hat{y}",
                "It fits one quantile, not the typical value: with τ = 0.9 most points lie below the line by "
                        + "design. Several quantiles fitted apart can cross.", Place.DATA);
        put("barron", "\\ell(r) = \\frac{|\\alpha - 2|}{\\alpha}\\left(\\left(\\frac{(r/c)^2}{|\\alpha - 2|} "
                        + "+ 1\\right)^{\\alpha/2} - 1\\right)",
                "For α < 0 it is not convex: a bad start can lock onto a poor fit, and very large errors are "
                        + "ignored almost entirely.", Place.DATA);
        put("bce", "\\ell(p, y) = -\\left(y \\log p + (1 - y)\\log(1 - p)\\right)",
                "On probabilities that went through a sigmoid it saturates: once p rounds to 0 or 1 the gradient "
                        + "through the sigmoid vanishes (use bce_logits). Logs are clamped at −100, so a sure "
                        + "mistake costs 100, not infinity.", Place.CLASSIFICATION);
        put("bce_logits", "\\ell(z, y) = w_{+}\\,y \\log(1 + e^{-z}) + (1 - y)\\log(1 + e^{z})",
                "A falling loss is not a rising accuracy: it keeps rewarding more confidence on points already "
                        + "right. On rare classes it settles for predicting the common one (see pos_weight).",
                Place.IMBALANCE);
        put("hinge", "\\ell(z, y) = \\max(0,\\ 1 - y z),\\quad y \\in \\{-1, +1\\}",
                "Zero past the margin: it says nothing about how sure a classifier is, so its scores are not "
                        + "probabilities. Its kink gives descent a jumpy gradient.", Place.CLASSIFICATION);
        put("squared_hinge", "\\ell(z, y) = \\max(0,\\ 1 - y z)^2",
                "Smooth at the margin but quadratic for bad mistakes: a few far-off mislabelled points pull "
                        + "the boundary hard, as outliers do with MSE.", Place.CLASSIFICATION);
        put("focal", "\\ell(z, y) = -\\alpha_t\\,(1 - p_t)^{\\gamma} \\log p_t,\\quad p = \\sigma(z)",
                "α weights the classes and γ the easy examples; α = 0.25 (the usual default) weights the rare "
                        + "class down, not up, and can leave it unrecalled when the classes overlap.",
                Place.IMBALANCE);
        put("cce_logits", "\\ell(z, c) = -\\log \\frac{e^{z_c}}{\\sum_k e^{z_k}} = \\log \\sum_k e^{z_k} - z_c",
                "Shifting every logit by the same amount changes nothing, so the parameters have no single "
                        + "minimum without a penalty; on separable data the loss falls forever as the logits grow. "
                        + "Perplexity exp(CE) is often easier to read.", Place.CLASSIFICATION);
        put("kl", "D_{KL}(t \\,\\|\\, p) = \\sum_k t_k \\log \\frac{t_k}{p_k}",
                "It is not symmetric: KL(t‖p) punishes p for missing mass where t has it, not for putting mass "
                        + "where t has none. It is a sum over outcomes, not a mean.", Place.NEXT_TOKEN);
        put("contrastive", "\\ell(d, y) = \\frac{y\\, d^2}{2} + \\frac{(1 - y)\\max(0,\\ m - d)^2}{2}",
                "Positives are pulled together without limit (d²/2 is only 0 at d = 0), which can collapse a "
                        + "class to one point; the margin m is in the units of the embedding.", Place.EMBEDDINGS);
        put("triplet", "\\ell(a, p, n) = \\max\\left(0,\\ \\|a - p\\| - \\|a - n\\| + m\\right)",
                "Once every negative is past every positive by m the loss is 0 and nothing is learned: random "
                        + "triplets are mostly easy, so training needs hard negatives.", Place.EMBEDDINGS);
        put("dpo", "\\ell(\\Delta) = -\\log \\sigma(\\beta \\Delta),\\quad \\Delta = \\log\\frac{\\pi(y_w|x)}"
                        + "{\\pi_{ref}(y_w|x)} - \\log\\frac{\\pi(y_l|x)}{\\pi_{ref}(y_l|x)}",
                "It only asks the chosen answer to gain on the rejected one relative to the reference: both can "
                        + "lose probability while the loss falls.", Place.CURVES);
        put("iou", "\\ell = 1 - \\frac{|A \\cap B|}{|A \\cup B|}",
                "When the boxes do not overlap the loss is 1 wherever the box is, with zero gradient: a far-off "
                        + "box gets no signal at all.", Place.BOXES);
        put("giou", "\\ell = 1 - \\mathrm{IoU} + \\frac{|C \\setminus (A \\cup B)|}{|C|}",
                "Apart, it first grows the box toward the target (shrinking C's empty part) rather than moving "
                        + "it, so convergence can be slow when one box is far from or inside the other.",
                Place.BOXES);
    }

    private GlossaryEntries() {
    }

    private static void put(String id, String latex, String misleads, Place place) {
        ENTRIES.put(id, new Entry(latex, misleads, place));
    }

    /** The entry of a loss, or null when the glossary has none. */
    public static Entry of(String id) {
        return ENTRIES.get(id);
    }

    /** The ids with entries, in glossary order. */
    public static java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(ENTRIES.keySet());
    }
}
