/**
 * Adjectives of nationality and the country name they point to ("Chinese foreign minister" →
 * China). Names are looked up in the graph like any mention, so a country the graph lacks
 * simply resolves to nothing.
 */
const DEMONYMS: Record<string, string> = {
  american: 'United States',
  australian: 'Australia',
  brazilian: 'Brazil',
  british: 'United Kingdom',
  canadian: 'Canada',
  chinese: 'China',
  czech: 'Czech Republic',
  danish: 'Denmark',
  dutch: 'Netherlands',
  estonian: 'Estonia',
  filipino: 'Philippines',
  finnish: 'Finland',
  french: 'France',
  german: 'Germany',
  greek: 'Greece',
  indian: 'India',
  indonesian: 'Indonesia',
  iranian: 'Iran',
  israeli: 'Israel',
  italian: 'Italy',
  japanese: 'Japan',
  malaysian: 'Malaysia',
  mexican: 'Mexico',
  norwegian: 'Norway',
  pakistani: 'Pakistan',
  philippine: 'Philippines',
  polish: 'Poland',
  romanian: 'Romania',
  russian: 'Russia',
  saudi: 'Saudi Arabia',
  singaporean: 'Singapore',
  'south korean': 'South Korea',
  spanish: 'Spain',
  swedish: 'Sweden',
  taiwanese: 'Taiwan',
  thai: 'Thailand',
  turkish: 'Turkey',
  ukrainian: 'Ukraine',
  vietnamese: 'Vietnam',
};

/** The country name a nationality adjective stands for, or undefined. */
export function countryOfDemonym(word: string): string | undefined {
  return DEMONYMS[word.toLowerCase()];
}
