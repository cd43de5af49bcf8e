package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The actuator endpoint {@code godwit}, its health indicator, each only when on the class path. */
@AutoConfiguration(after = GodwitAutoConfiguration.class)
@ConditionalOnClass(Godwit.class)
public class GodwitActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnBean(Godwit.class)
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        GodwitEndpoint godwitEndpoint(Godwit godwit) {
            return new GodwitEndpoint(godwit);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(Godwit.class)
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "godwitHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("godwit")
        GodwitHealthIndicator godwitHealthIndicator(Godwit godwit) {
            return new GodwitHealthIndicator(godwit);
        }
    }
}
