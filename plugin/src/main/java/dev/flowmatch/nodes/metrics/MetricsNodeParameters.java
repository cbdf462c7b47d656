package dev.flowmatch.nodes.metrics;

import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;

import dev.flowmatch.nodes.common.Bounds;
import dev.flowmatch.nodes.common.Checks;
import dev.flowmatch.nodes.common.ColumnChoices;
import dev.flowmatch.nodes.common.EncoderSettings;
import dev.flowmatch.nodes.common.MoleculeCells;

/** Settings of Distribution Metrics. */
final class MetricsNodeParameters implements NodeParameters {

    enum Embedding {
        @Label("ECFP4 bits (built in)")
        ECFP4,
        @Label("Frozen encoder")
        ENCODER
    }

    @Widget(title = "Generated molecule column", description = "Molecules to evaluate (first input). Default: the"
        + " first molecule column.")
    @ChoicesProvider(ColumnChoices.Molecules.class)
    String m_generatedColumn = "";

    @Widget(title = "Reference molecule column", description = "Molecules to compare with (second input, optional):"
        + " the reference for Fréchet distance, MMD², SNN, fragment/scaffold similarity and descriptor KL, and the"
        + " set a generated molecule must be absent from to count as novel.")
    @ChoicesProvider(ColumnChoices.SecondInputMolecules.class)
    String m_referenceColumn = "";

    @Widget(title = "Distribution distances", description = "With a reference: compute Fréchet distance, MMD²,"
        + " SNN, fragment and scaffold similarity and descriptor KL (the slow part on large sets). Off: only the"
        + " per-set metrics, with novelty against the reference.")
    boolean m_distances = true;

    @Widget(title = "Fréchet distance embedding", description = "Space of the Fréchet distance and the RBF MMD²:"
        + " ECFP4 bits (256, as in the literature's FCD-free variant), or a frozen encoder (e.g. the pretrained"
        + " MPNN, closest to the FCD).")
    @ValueReference(EmbeddingRef.class)
    Embedding m_embedding = Embedding.ECFP4;

    @Layout(EncoderSection.class)
    @Effect(predicate = EncoderEmbedding.class, type = EffectType.SHOW)
    EncoderSettings m_encoder = new EncoderSettings();

    @Widget(title = "Geometry checks", description = "Check bond lengths, bond angles, clashes and flat aromatic"
        + " rings of generated molecules that have 3D coordinates.")
    boolean m_geometry = true;

    @Widget(title = "Bootstrap resamples", description = "Resamples for 95% intervals of validity, connectivity and"
        + " molecule stability (columns \"… low\" / \"… high\"); 0 = none.", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_bootstrap = 0;

    @Widget(title = "Seed", description = "Seed of the bootstrap.", advanced = true)
    long m_seed = 1;

    @Widget(title = "Device", description = "Where neural encoders run: auto, cpu, gpu or gpu:N.", advanced = true)
    String m_device = "auto";

    MetricsNodeParameters() {
    }

    MetricsNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).flatMap(MoleculeCells::defaultColumn).ifPresent(c -> m_generatedColumn = c);
        input.getInTableSpec(1).flatMap(MoleculeCells::defaultColumn).ifPresent(c -> m_referenceColumn = c);
    }

    String embeddingName() {
        return m_embedding == Embedding.ENCODER ? m_encoder.label() : null;
    }

    /** Checks what the dialog cannot rule out (KNIME calls this when settings are applied or loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        Checks.check(m_embedding != null, "Fréchet distance embedding", "not set");
        if (m_embedding == MetricsNodeParameters.Embedding.ENCODER) {
            m_encoder.validate("Encoder:");
        }
        Bounds.check(this); // every numeric range, as the dialog declares it
        Checks.deviceName(m_device, "Device");
    }

    /** The encoder's settings, a dialog section of their own. */
    @Section(title = "Encoder", description = "The frozen encoder when the embedding is an encoder.")
    interface EncoderSection {
    }

    // the encoder's settings apply only when the Fréchet distance uses an encoder
    static final class EmbeddingRef implements ParameterReference<Embedding> {
    }

    static final class EncoderEmbedding implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(EmbeddingRef.class).isOneOf(Embedding.ENCODER);
        }
    }
}
