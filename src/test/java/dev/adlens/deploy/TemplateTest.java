package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.adlens.UnitTest;
import dev.adlens.api.LabelsApi;
import dev.adlens.lambda.AdlensConfig;
import dev.adlens.lambda.ApiHandler;
import dev.adlens.lambda.S3Handler;
import dev.adlens.store.LabelTable;
import io.smallrye.config.WithName;
import jakarta.inject.Named;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml must agree with the code: handlers, config keys, table schema, and least-privilege policies. */
@UnitTest
class TemplateTest {
    static Map<String, Object> template;
    static Map<String, Object> resources;

    @BeforeAll
    static void load() throws Exception {
        template = SamTemplate.load(Path.of("template.yaml"));
        resources = map(template.get("Resources"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static Map<String, Object> props(String resource) {
        return map(map(resources.get(resource)).get("Properties"));
    }

    static List<String> functions() {
        return resources.entrySet().stream().filter(e -> "AWS::Serverless::Function".equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    static Map<String, Object> env(String function) {
        return map(map(props(function).get("Environment")).get("Variables"));
    }

    /** Every property name AdlensConfig maps, as Quarkus spells them (adlens.table.name …). */
    static Set<String> configKeys(Class<?> type, String prefix) {
        Set<String> keys = new HashSet<>();
        for (Method m : type.getDeclaredMethods()) {
            WithName named = m.getAnnotation(WithName.class);
            String name = named != null ? named.value() : m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT);
            if (m.getReturnType().isInterface() && m.getReturnType().getDeclaringClass() == AdlensConfig.class) {
                keys.addAll(configKeys(m.getReturnType(), prefix + name + "."));
            } else {
                keys.add(prefix + name);
            }
        }
        return keys;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Test
    void everyFunctionNamesAnExistingHandler() {
        Map<String, Class<?>> handlers = Map.of("s3", S3Handler.class, "api", ApiHandler.class);
        for (String f : functions()) {
            String handler = (String) env(f).get("QUARKUS_LAMBDA_HANDLER");
            assertThat(handlers).as(f).containsKey(handler);
            Class<?> type = handlers.get(handler);
            assertThat(type.getAnnotation(Named.class).value()).isEqualTo(handler);
            assertThat(RequestHandler.class).isAssignableFrom(type);
        }
        assertThat(functions()).contains("LabelingFunction", "ApiFunction");
    }

    @Test
    void apiRoutesAreTheImplementedOnesEachBehindTheChosenAuthoriser() {
        Set<String> routes = new HashSet<>();
        for (Map.Entry<String, Object> r : resources.entrySet()) {
            if (!"AWS::ApiGatewayV2::Route".equals(map(r.getValue()).get("Type"))) {
                continue;
            }
            Map<String, Object> p = props(r.getKey());
            routes.add((String) p.get("RouteKey"));
            assertThat(p.get("ApiId")).isEqualTo(Map.of("Ref", "LabelsHttpApi"));
            assertThat(p.get("Target")).isEqualTo(Map.of("Fn::Sub", "integrations/${ApiIntegration}"));
            // no route is ever open: IAM by default, JWT when ApiAuth=jwt
            assertThat(p.get("AuthorizationType")).as(r.getKey())
                    .isEqualTo(Map.of("Fn::If", List.of("UseJwt", "JWT", "AWS_IAM")));
            assertThat(p.get("AuthorizerId")).as(r.getKey()).isEqualTo(Map.of("Fn::If",
                    List.of("UseJwt", Map.of("Ref", "JwtAuthorizer"), Map.of("Ref", "AWS::NoValue"))));
        }
        Set<String> implemented = new HashSet<>();
        LabelsApi.ROUTES.forEach(r -> implemented.add(r.method() + " " + r.path()));
        assertThat(routes).isEqualTo(implemented);
        assertThat(map(resources.get("JwtAuthorizer")).get("Condition")).isEqualTo("UseJwt");
        Map<String, Object> jwt = props("JwtAuthorizer");
        assertThat(jwt.get("AuthorizerType")).isEqualTo("JWT");
        assertThat(map(jwt.get("JwtConfiguration"))).isEqualTo(Map.of("Issuer", Map.of("Ref", "JwtIssuer"),
                "Audience", Map.of("Ref", "JwtAudience")));
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertThat(map(parameters.get("ApiAuth")).get("AllowedValues")).isEqualTo(List.of("iam", "jwt"));
        assertThat(map(parameters.get("ApiAuth")).get("Default")).isEqualTo("iam");
        assertThat(parameters).containsKeys("JwtIssuer", "JwtAudience");
        assertThat(map(template.get("Rules"))).containsKey("JwtNeedsIssuerAndAudience");
        assertThat(props("ApiIntegration").get("IntegrationUri")).isEqualTo(Map.of("Fn::GetAtt", List.of("ApiFunction", "Arn")));
        assertThat(props("ApiInvokePermission").get("Principal")).isEqualTo("apigateway.amazonaws.com");
        assertThat(props("LabelsApiStage")).containsKeys("DefaultRouteSettings", "AccessLogSettings");
        assertThat(props("ApiFunction")).doesNotContainKey("Events");
        assertThat(env("ApiFunction").get("ADLENS_API_ALLOWED_BUCKETS"))
                .isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-ads-${AWS::AccountId}"));
    }

    @Test
    void everyAdlensVariableIsAConfigKey() {
        Set<String> known = new HashSet<>();
        configKeys(AdlensConfig.class, "adlens.").forEach(k -> known.add(envName(k)));
        for (String f : functions()) {
            for (String var : env(f).keySet()) {
                if (var.startsWith("ADLENS_")) {
                    assertThat(known).as(f + " sets " + var).contains(var);
                }
            }
        }
        assertThat(env("LabelingFunction").get("ADLENS_TABLE_NAME")).isEqualTo(Map.of("Ref", "LabelsTable"));
    }

    @Test
    void tableSchemaMatchesLabelTable() {
        Map<String, Object> t = props("LabelsTable");
        assertThat(t.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(map(t.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(list(t.get("KeySchema"))).containsExactly(Map.of("AttributeName", "image", "KeyType", "HASH"));
        Map<String, List<String>> expected = Map.of(LabelTable.BY_TOPIC, List.of("topTopic", "topTopicScore"),
                LabelTable.BY_SENTIMENT, List.of("topSentiment", "topSentimentScore"),
                LabelTable.BY_CATEGORY, List.of("topCategory", "topCategoryScore"),
                LabelTable.BY_VERDICT, List.of("verdict", "verdictScore"));
        List<Object> gsis = list(t.get("GlobalSecondaryIndexes"));
        assertThat(gsis).hasSize(4);
        for (Object o : gsis) {
            Map<String, Object> gsi = map(o);
            List<String> keys = expected.get((String) gsi.get("IndexName"));
            assertThat(keys).as("index " + gsi.get("IndexName")).isNotNull();
            assertThat(list(gsi.get("KeySchema"))).containsExactly(Map.of("AttributeName", keys.get(0), "KeyType", "HASH"),
                    Map.of("AttributeName", keys.get(1), "KeyType", "RANGE"));
            assertThat(list(map(gsi.get("Projection")).get("NonKeyAttributes")))
                    .containsExactlyInAnyOrderElementsOf(LabelTable.projected(keys.get(0), keys.get(1)));
        }
    }

    @Test
    void queueBucketAndEventSourceFollowTheFailurePolicy() {
        Map<String, Object> params = map(template.get("Parameters"));
        int timeout = (Integer) map(params.get("FunctionTimeout")).get("Default");
        int visibility = (Integer) map(params.get("QueueVisibilityTimeout")).get("Default");
        assertThat(visibility).isGreaterThanOrEqualTo(6 * timeout);
        assertThat(map(props("ObjectQueue").get("RedrivePolicy")).get("deadLetterTargetArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn")));
        Map<String, Object> bucket = props("ImagesBucket");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).containsOnly(true).hasSize(4);
        assertThat(bucket).containsKey("BucketEncryption");
        Map<String, Object> sqs = map(map(map(props("LabelingFunction").get("Events")).get("Objects")).get("Properties"));
        assertThat(list(sqs.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(map(sqs.get("ScalingConfig"))).containsKey("MaximumConcurrency");
    }

    @Test
    void dataIsRetainedTransportIsTlsOnlyTheDlqAlarmsAndAVpcIsOptional() {
        for (String r : List.of("ImagesBucket", "LabelsTable")) {
            assertThat(map(resources.get(r))).containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
        Map<String, Object> doc = map(props("ImagesBucketPolicy").get("PolicyDocument"));
        Map<String, Object> deny = map(list(doc.get("Statement")).get(0));
        assertThat(deny).containsEntry("Effect", "Deny").containsEntry("Action", "s3:*");
        assertThat(map(map(deny.get("Condition")).get("Bool"))).containsEntry("aws:SecureTransport", "false");
        Map<String, Object> alarm = props("DeadLetterAlarm");
        assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible").containsEntry("Threshold", 1);
        assertThat(String.valueOf(alarm.get("Dimensions"))).contains("DeadLetterQueue");
        Map<String, Object> params = map(template.get("Parameters"));
        assertThat(params).containsKeys("VpcSubnetIds", "VpcSecurityGroupIds", "AlarmTopicArn");
        assertThat(map(params.get("VpcSubnetIds"))).containsEntry("Default", "");
        Object vpc = map(map(template.get("Globals")).get("Function")).get("VpcConfig");
        assertThat(list(map(vpc).get("Fn::If")).get(0)).isEqualTo("HasVpc"); // none unless subnets are given
    }

    @Test
    void policiesAreScopedToTheNamedResources() {
        Set<String> allowed = Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "dynamodb:GetItem",
                "dynamodb:PutItem", "dynamodb:Query", "sagemaker:InvokeEndpoint");
        for (String f : functions()) {
            for (Object p : list(props(f).get("Policies"))) {
                Map<String, Object> policy = map(p);
                if (policy.containsKey("Fn::If")) { // conditional statement: check the branch that grants
                    policy = map(list(policy.get("Fn::If")).get(1));
                }
                for (Object s : list(policy.get("Statement"))) {
                    Map<String, Object> st = map(s);
                    Object action = st.get("Action");
                    List<Object> actions = action instanceof List<?> l ? new ArrayList<>(l) : List.of(action);
                    assertThat(actions).as(f + " " + st.get("Sid")).allMatch(allowed::contains);
                    String resource = String.valueOf(st.get("Resource"));
                    if (actions.contains("dynamodb:Query")) {
                        assertThat(resource).contains("/index/*"); // queries go to the GSIs only
                    }
                    assertThat(resource).as(f + " " + st.get("Sid")).doesNotContain("\"*\"").isNotEqualTo("*");
                    assertThat(resource).matches(r -> r.contains("LabelsTable")
                            || r.contains("${AWS::StackName}-ads-${AWS::AccountId}")
                            || r.contains("endpoint/${SageMakerEndpointName}"), "names the table, bucket or endpoint");
                }
            }
        }
    }
}
