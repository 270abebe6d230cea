package dev.adlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.api.ApiRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who the caller is, for each authoriser shape API Gateway (payload v2) can present. */
@dev.adlens.UnitTest
class CallerTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "IAM user|{\"iam\": {\"userArn\": \"arn:aws:iam::1:user/u\", \"callerId\": \"AIDA1\"}}|arn:aws:iam::1:user/u",
            "IAM, caller id only|{\"iam\": {\"callerId\": \"AIDA1\"}}|AIDA1",
            "JWT|{\"jwt\": {\"claims\": {\"iss\": \"https://id.example.com/\", \"sub\": \"42\"}}}|jwt:https://id.example.com/#42",
            "JWT without iss|{\"jwt\": {\"claims\": {\"sub\": \"42\"}}}|anonymous",
            "JWT with a non-text sub|{\"jwt\": {\"claims\": {\"iss\": \"i\", \"sub\": {\"x\": 1}}}}|anonymous",
            "Lambda authoriser|{\"lambda\": {\"caller\": \"tenant-7\"}}|lambda:tenant-7",
            "Lambda authoriser, principalId|{\"lambda\": {\"principalId\": \"p1\"}}|lambda:p1",
            "empty authoriser|{}|anonymous",
    })
    void eachAuthoriserNamesItsCallerAndNothingElseIsSomeone(String what, String authorizer, String expected)
            throws Exception {
        var event = new ObjectMapper().createObjectNode();
        event.putObject("requestContext").set("authorizer", new ObjectMapper().readTree(authorizer));
        assertThat(ApiHandler.caller(event)).as(what).isEqualTo(expected);
        assertThat(ApiHandler.caller(new ObjectMapper().createObjectNode())).isEqualTo(ApiRequest.ANONYMOUS);
    }
}
