/**
 * The computational core: chemistry, probability paths, models, training, encoders and metrics. Nothing
 * here imports KNIME or Eclipse (EngineIsolationTest enforces it), so every type can be used from a
 * plain main() or a unit test.
 */
package dev.flowmatch.engine;
