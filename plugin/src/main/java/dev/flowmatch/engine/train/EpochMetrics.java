package dev.flowmatch.engine.train;

/**
 * Means over the steps of one epoch, the row of the learner's training-curve table.
 *
 * @param epoch 1-based
 * @param step last step of the epoch
 * @param loss mean total loss
 * @param coordLoss mean coordinate loss
 * @param typeLoss mean type loss
 * @param repaLoss mean REPA loss (NaN when off)
 * @param cosine mean alignment cosine (NaN when off)
 * @param validationLoss last validation loss measured in the epoch (NaN if none)
 * @param learningRate learning rate at the last step
 * @param seconds wall time of the epoch
 */
public record EpochMetrics(int epoch, int step, double loss, double coordLoss, double typeLoss, double repaLoss,
    double cosine, double validationLoss, double learningRate, double seconds) {
}
