package io.nurtureflow.wecom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JS-SDK signature against the worked example WeCom's (and WeChat's) JS-SDK documentation publishes. */
class JsSdkTest {

    @Test
    void theSignatureIsTheDocumentedExamples() {
        assertThat(JsSdk.signature("sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }
}
