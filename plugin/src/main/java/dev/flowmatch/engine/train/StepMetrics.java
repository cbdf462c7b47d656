package dev.flowmatch.engine.train;

/**
 * What one optimizer step measured. REPA fields are NaN when REPA is off or no sample fell in its window.
 *
 * @param step 1-based step
 * @param epoch 1-based epoch the step belongs to
 * @param loss total loss (flow matching + λ·REPA)
 * @param coordLoss coordinate part
 * @param typeLoss type part
 * @param repaLoss REPA alignment loss
 * @param cosine mean alignment cosine of the batch
 * @param learningRate learning rate used
 * @param gradNorm global gradient norm before clipping
 * @param seconds wall time of the step
 */
public record StepMetrics(int step, int epoch, double loss, double coordLoss, double typeLoss, double repaLoss,
    double cosine, double learningRate, double gradNorm, double seconds) {
}
