// Schema statements, applied in this order before every sync. Each is idempotent.

// name: entityIdUnique
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

// name: entityKindIndex
CREATE INDEX entity_kind IF NOT EXISTS
FOR (n:Entity) ON (n.kind);

// name: entitySearchIndex
// Names and aliases, for search(); aliases are joined into one string because full-text
// indexes read string properties.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliasText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false } };

// name: entityNameIndex
// Lets entities() page through names in index order.
CREATE INDEX entity_name IF NOT EXISTS
FOR (n:Entity) ON (n.name);

// name: seedVersionUnique
// One graph-version node (cypher/seed-version.cypher), even when two servers sync at once.
CREATE CONSTRAINT seed_version_unique IF NOT EXISTS
FOR (v:SeedVersion) REQUIRE v.name IS UNIQUE;

// name: entityMetricDegreeIndex
// keyActors(by:) reads the most central entities in index order (server/metrics/).
CREATE INDEX entity_metric_degree IF NOT EXISTS
FOR (n:Entity) ON (n.metricDegree);

// name: entityMetricPageRankIndex
CREATE INDEX entity_metric_page_rank IF NOT EXISTS
FOR (n:Entity) ON (n.metricPageRank);

// name: entityMetricBetweennessIndex
CREATE INDEX entity_metric_betweenness IF NOT EXISTS
FOR (n:Entity) ON (n.metricBetweenness);

// name: entityMetricCommunityIndex
// communities() groups entities by community.
CREATE INDEX entity_metric_community IF NOT EXISTS
FOR (n:Entity) ON (n.metricCommunity);

// name: entitySeedFileIndex
// An incremental sync reads the entities of the changed files only.
CREATE INDEX entity_seed_file IF NOT EXISTS
FOR (n:Entity) ON (n.seedFile);

// name: seedFileUnique
// One digest node per seed file (cypher/seed-sync.cypher, seedFileDigests).
CREATE CONSTRAINT seed_file_unique IF NOT EXISTS
FOR (f:SeedFile) REQUIRE f.path IS UNIQUE;
