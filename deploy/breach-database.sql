-- The service's own ledger lives beside Temporal's databases, under its own role.
CREATE ROLE breach LOGIN PASSWORD 'breach';
CREATE DATABASE breach OWNER breach;
