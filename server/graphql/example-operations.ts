/** Preloaded in GraphiQL (development only): questions an analyst would ask first. */
export const EXAMPLE_OPERATIONS = `# splinternet — a few questions to start with. Pick one and press ▶.

# What does the Clean Network exclude, and on whose word?
query CleanNetworkExcludes {
  entity(id: "clean-network") {
    name
    relations(types: ["EXCLUDES"], direction: OUT) {
      totalCount
      nodes { phrase to { name kind } evidence { outlet { name } quote url publishedAt } seedFile seedLine }
    }
  }
}

# Who proposed the Global Initiative on Data Security, and what does it counter?
query DataSecurityInitiative {
  entity(id: "global-initiative-on-data-security") {
    ... on Initiative { proposedBy { name } counters { name } }
  }
}

# Search tolerates prefixes and typos.
query Search {
  search(text: "Bytedanse") { score entity { id name kind } }
}

# Everything around TikTok, two steps out.
query AroundTikTok {
  neighbourhood(ids: ["tiktok"], depth: 2, limit: 100) {
    truncated
    nodes { id name kind }
    edges { type from { id } to { id } }
  }
}

# The shortest ways from TikTok to the Clean Network.
query TikTokToCleanNetwork {
  paths(from: "tiktok", to: "clean-network", maxHops: 4) {
    length
    nodes { name }
    edges { type phrase }
  }
}

# Which executive orders were in force on 2021-07-01?
query OrdersInForce {
  entities(kinds: ["LegalAct"]) {
    nodes { name ... on LegalAct { signed targets(asOf: "2021-07-01") { name } revokedBy { name } } }
  }
}

# What began and what ended in 2021, over the whole graph? (Partial dates are periods.)
query WhatChangedIn2021 {
  changes(from: "2021-01-01", to: "2021-12-31") {
    appeared { phrase since from { name } to { name } }
    ended { phrase until from { name } to { name } evidence { outlet { name } publishedAt } }
  }
  timeline { buckets { period started ended } }
}
`;
