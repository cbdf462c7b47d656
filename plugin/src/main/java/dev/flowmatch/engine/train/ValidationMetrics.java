package dev.flowmatch.engine.train;

/**
 * Losses on the held-out molecules with fixed noise and times (comparable across passes), using the current
 * weights. NaN when there is no validation set.
 *
 * @param step the step after which it was measured
 * @param loss flow-matching loss (without REPA)
 * @param coordLoss coordinate part
 * @param typeLoss type part
 * @param cosine mean REPA alignment cosine over validation samples in the window (NaN when REPA is off)
 */
public record ValidationMetrics(int step, double loss, double coordLoss, double typeLoss, double cosine) {
}
