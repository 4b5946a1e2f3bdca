// The public pages' own words in Welsh. Written by the developers, not by a fluent speaker: have it
// reviewed before a Welsh public body relies on it (see README).
import type { Catalogue } from '../en';

export const publicCy: Catalogue['public'] = {
  home: {
    title: 'Powershare',
    lead: "Dewch i wybod, yn onest ac o bob ochr i'r bwrdd, i ba raddau y mae eich sefydliad yn rhannu grym go iawn â'r bobl sy'n defnyddio ei wasanaethau.",
    about:
      "Mae llawer o sefydliadau'n dweud eu bod yn cyd-gynhyrchu. Yn aml, ymgynghori sy'n digwydd: mae cynlluniau'n cael eu llunio yn gyntaf a gofynnir am sylwadau wedyn. Mae Powershare yn gofyn yr un cwestiynau syml i bawb sy'n cymryd rhan, yn ddienw, ac yn dangos ble rydych chi ar bob thema a lle mae grwpiau'n gweld pethau'n wahanol.",
    codeTitle: 'Ydych chi wedi cael cod?',
    codeBefore: 'Os gofynnodd rhywun i chi ateb holiadur,',
    codeLink: "rhowch eich cod i ddechrau",
    codeAfter: ". Gallwch hepgor unrhyw gwestiwn, stopio a dod yn ôl yn nes ymlaen, ac ni fydd neb yn gwybod pwy ydych chi.",
    adminTitle: "Ydych chi'n cynnal rownd?",
    adminBefore: 'Gall sefydliadau, byrddau a hyfforddwyr',
    adminLink: 'fewngofnodi i sefydlu rownd',
    adminAfter: " a darllen y canlyniadau.",
  },
};
