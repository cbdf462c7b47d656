package dev.flowmatch.engine.train;

/**
 * What training produced, stored in the model file for the port summary and for reproducibility.
 *
 * @param steps optimizer steps taken
 * @param trainingMolecules molecules trained on
 * @param finalLoss mean loss over the last epoch
 * @param validationLoss last validation loss (NaN if none)
 * @param alignmentCosine last validation REPA cosine (NaN if REPA was off)
 * @param seconds total training time
 * @param parameters number of network parameters
 * @param encoder name and version of the REPA encoder, or "" when REPA was off
 */
public record TrainingSummary(int steps, int trainingMolecules, double finalLoss, double validationLoss,
    double alignmentCosine, double seconds, long parameters, String encoder) {
}
