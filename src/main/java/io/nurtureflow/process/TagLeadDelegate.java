package io.nurtureflow.process;

import io.nurtureflow.tagging.Tags;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CHANNEL_ID;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.TOUCHPOINT_CHANNEL_ID;

/**
 * Tags the lead from its channel (the capturing channel at start, the new channel on a later touchpoint), then
 * by lead-tagging.dmn from the channel, the form's answers and the phone's region.
 */
@Component
class TagLeadDelegate implements JavaDelegate {

    private final Tags tags;
    private final LeadTaggingDecision decision;

    TagLeadDelegate(Tags tags, LeadTaggingDecision decision) {
        this.tags = tags;
        this.decision = decision;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String customerId = (String) execution.getVariable(CUSTOMER_ID);
        Object channel = execution.hasVariable(TOUCHPOINT_CHANNEL_ID)
                ? execution.getVariable(TOUCHPOINT_CHANNEL_ID) : execution.getVariable(CHANNEL_ID);
        Long channelId = channel == null ? null : ((Number) channel).longValue();
        if (channelId != null) {
            tags.applyChannelTags(customerId, channelId);
        }
        decision.tag(execution, customerId, channelId);
    }
}
