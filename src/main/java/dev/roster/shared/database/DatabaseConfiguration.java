package dev.roster.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.roster.shared.RosterProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One pooled DataSource on the configured or embedded PostgreSQL; Spring's own datasource settings still apply. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(RosterProperties properties) {
        return DatabaseServer.from(properties);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DatabaseServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setPoolName("roster");
        // Roster's statements each read a handful of rows by index. A generic plan that does not know a LIMIT may
        // still pick a parallel scan (two worker processes started for twenty rows) or JIT compilation, either of
        // which costs milliseconds where the query costs microseconds; neither is ever worth it here.
        dataSource.setConnectionInitSql("SET max_parallel_workers_per_gather = 0; SET jit = off");
        return dataSource;
    }
}
