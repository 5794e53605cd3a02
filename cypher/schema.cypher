// The constraints and indexes `graphmodel load` creates, generated from graphmodel/schema.py by
// scripts/make_schema_cypher.py (graphmodel.stores.cypher.SCHEMA_STATEMENTS; a test keeps them identical).
// Run by hand: cypher-shell -f cypher/schema.cypher
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT country_key IF NOT EXISTS FOR (n:Country) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT initiative_key IF NOT EXISTS FOR (n:Initiative) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT name_text IF NOT EXISTS FOR (n:Name) REQUIRE n.text IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX initiative_name IF NOT EXISTS FOR (n:Initiative) ON (n.name);
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Person|Country|Organization|Initiative|Event|Place) ON EACH [n.name, n.aliases];
