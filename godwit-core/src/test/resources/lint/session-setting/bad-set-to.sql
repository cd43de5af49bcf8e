SET SESSION statement_timeout TO '10min';
