// The Welsh (cy) translation of "Power-sharing self-assessment", version 1 (issue 15, item 2).
//
// Every text of power-sharing.v1.ts, keyed by the same ids, so a Welsh answer scores exactly like
// an English one. Translated, not rewritten: nothing is added or left out. Written in standard
// modern Welsh as on a Welsh public body's bilingual forms ("chi" throughout). It should be
// reviewed by a fluent Welsh speaker before a Welsh public body relies on it (docs/questionnaire.md,
// "Easy Read and Welsh"). Completeness against the English definition is held by
// test/questionnaires/power-sharing-texts.test.ts.
//
// Terms used the same way throughout:
// - power: grym; sharing power: rhannu grym; empowerment: grymuso
// - people who use services: pobl sy'n defnyddio gwasanaethau
// - lived experience: profiad bywyd; this organisation: y sefydliad hwn
// - co-production: cyd-gynhyrchu; consultation: ymgynghori; tokenism: tocenistiaeth
// - peer support: cymorth gan gymheiriaid; professionals: gweithwyr proffesiynol

/** The translated texts of one questionnaire, keyed by the ids of its English definition. */
interface TranslatedTexts {
  title: string;
  intro: string;
  scale: { practice: string[]; dontKnowLabel: string };
  bands: Record<string, string>;
  ladderGroups: Record<string, string>;
  themes: Record<
    string,
    {
      title: string;
      plainTitle?: string;
      description: string;
      bandText: Record<string, string>;
      nextSteps: Record<string, string[]>;
      discussionPrompts?: string[];
    }
  >;
  items: Record<string, { text: string; hint?: string; options?: string[] }>;
  roles: Record<string, string>;
  flags: Record<string, { title: string; description: string; groupALabel?: string; groupBLabel?: string }>;
}

/** The seven rungs of a ladder item, lowest first; they complete "…roedd y bobl sy'n ei ddefnyddio…". */
const ladderRungs = (top: string): string[] => [
  "Heb eu cynnwys o gwbl",
  "Wedi cael gwybod ar ôl i'r penderfyniad gael ei wneud",
  "Wedi cael cais am sylwadau ar gynllun gorffenedig",
  "Wedi cael eu holi beth oedd yn bwysig iddyn nhw cyn i gynlluniau gael eu gwneud",
  "Wedi helpu i lunio'r dewisiadau",
  "Wedi rhannu'r penderfyniad terfynol",
  top,
];

const comment = { text: "Oes gennych chi unrhyw beth i'w ychwanegu am y thema hon? Peidiwch ag enwi neb, os gwelwch yn dda." };

/** "Power-sharing self-assessment", version 1, in Welsh. */
export const powerSharingV1Welsh = {
  title: 'Hunanasesiad rhannu grym',
  intro:
    "Mae'r holiadur hwn yn gofyn i ba raddau y mae'r sefydliad hwn yn rhannu grym â'r bobl sy'n defnyddio ei wasanaethau. " +
    "Does dim atebion cywir nac anghywir. Atebwch o'r hyn rydych chi wedi'i weld eich hun. " +
    "Os nad ydych chi'n siŵr, dewiswch \u201cDdim yn gwybod\u201d. Gallwch hepgor unrhyw gwestiwn, stopio, a dod yn ôl yn nes ymlaen. " +
    'Mae eich atebion yn ddienw: dim ond ar gyfer grwpiau o sawl person y dangosir canlyniadau.',
  scale: {
    practice: ['Byth', 'Anaml', 'Weithiau', 'Yn aml', 'Bob amser'],
    dontKnowLabel: 'Ddim yn gwybod',
  },
  bands: {
    'not-yet': 'Ddim yno eto',
    starting: 'Dechrau arni',
    'on-the-way': 'Ar y ffordd',
    strong: 'Yn mynd o nerth i nerth',
  },
  ladderGroups: {
    to: 'Gwneud i bobl',
    for: 'Gwneud ar ran pobl',
    with: 'Gwneud gyda phobl',
  },
  roles: {
    lived: "Rhywun sy'n defnyddio gwasanaethau neu sydd â phrofiad bywyd",
    carer: "Aelod o'r teulu neu ofalwr",
    staff: 'Aelod o staff neu wirfoddolwr',
    leader: 'Rheolwr neu arweinydd',
    board: "Aelod o'r bwrdd neu ymddiriedolwr",
    partner: 'Sefydliad partner neu gomisiynydd',
    unsaid: "Mae'n well gen i beidio â dweud",
  },
  themes: {
    coproduction: {
      title: 'Ymgynghori neu gyd-gynhyrchu',
      plainTitle: "Cymryd rhan o'r dechrau",
      description:
        "Ydy'r bobl sy'n defnyddio gwasanaethau yn cymryd rhan o'r dechrau, gan benderfynu beth sy'n cael ei drafod a llunio'r cynlluniau? Neu ai dim ond cais am sylwadau maen nhw'n ei gael unwaith y mae'r cynlluniau'n bodoli?",
      discussionPrompts: [
        "Meddyliwch am y newid diwethaf i wasanaeth yma. Ar ba bwynt yr oedd y bobl sy'n ei ddefnyddio yn yr ystafell am y tro cyntaf, a beth allen nhw ei newid o hyd erbyn hynny?",
        "Pwy ddewisodd bwnc ein cyfarfod mawr diwethaf? Beth fyddai'n wahanol pe bai pobl sy'n defnyddio gwasanaethau yn gosod yr agenda?",
      ],
      bandText: {
        'not-yet': "Gan amlaf, mae pobl sy'n defnyddio gwasanaethau yn clywed am newidiadau ar ôl iddyn nhw gael eu penderfynu. Mae penderfyniadau'n cael eu gwneud hebddyn nhw.",
        starting: "Gofynnir i bobl am eu barn, ond fel arfer pan fydd cynllun eisoes wedi'i ysgrifennu. Ymgynghori yw hynny: mae'n helpu, ond mae'r dewisiadau mawr eisoes wedi'u gwneud.",
        'on-the-way': "Mae pobl sy'n defnyddio gwasanaethau yn aml yn cymryd rhan yn gynnar ac yn helpu i lunio cynlluniau. Dydyn nhw ddim eto'n rhannu'r gair olaf, nac yn barnu'r canlyniadau.",
        strong: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i benderfynu beth sy'n cael ei drafod, yn llunio'r cynlluniau, yn rhannu'r penderfyniadau ac yn barnu a weithiodd y newidiadau.",
      },
      nextSteps: {
        'not-yet': [
          "Dewiswch un newid sydd wedi'i gynllunio ar gyfer eleni. Gwahoddwch bobl sy'n defnyddio'r gwasanaeth hwnnw i'r cyfarfod cyntaf un, cyn i unrhyw beth gael ei ysgrifennu.",
          "Dywedwch wrth bobl am bob penderfyniad diweddar sy'n effeithio arnyn nhw: beth a benderfynwyd, pam, a beth y gallan nhw ddylanwadu arno o hyd.",
        ],
        starting: [
          "Cyn i'r cynllun nesaf gael ei ddrafftio, cynhaliwch sesiwn agored sy'n gofyn i bobl beth sy'n bwysig iddyn nhw, ac adeiladwch y cynllun o'r hyn maen nhw'n ei ddweud.",
          "Dangoswch yr opsiynau i bobl tra maen nhw'n dal yn agored, yn lle cynllun gorffenedig.",
          "Ysgrifennwch pa benderfyniadau y gall pobl sy'n defnyddio gwasanaethau eu newid, a rhannwch y rhestr honno gyda nhw.",
        ],
        'on-the-way': [
          "Gofynnwch i bobl sy'n defnyddio gwasanaethau gadeirio, neu gyd-gadeirio, y cyfarfodydd lle mae cynlluniau'n cael eu gwneud.",
          "Cytunwch gyda phobl sut y bydd y newid nesaf yn cael ei farnu, ac yna edrychwch ar y canlyniadau gyda'ch gilydd.",
          "Rhowch bleidlais gyfartal i bobl sy'n defnyddio gwasanaethau yn y penderfyniad terfynol ar o leiaf un newid eleni.",
        ],
        strong: [
          "Ysgrifennwch sut rydych chi'n gweithio gyda'ch gilydd, fel bod hynny'n para pan fydd staff yn newid.",
          "Gadewch i bobl sy'n defnyddio gwasanaethau arwain y newid nesaf, gyda staff mewn rôl gefnogol.",
          "Rhannwch yr hyn rydych chi wedi'i ddysgu â sefydliadau eraill gerllaw.",
        ],
      },
    },
    tokenism: {
      title: 'Tocenistiaeth a chynrychiolaeth',
      plainTitle: 'Cael gwrandawiad, nid bod yno i dicio blwch',
      description:
        "Ydy barn pobl sy'n defnyddio gwasanaethau yn newid penderfyniadau, ac ydyn nhw'n cael gwybod sut? Oes sawl person wrth y bwrdd, wedi'u dewis gan y rhai maen nhw'n siarad ar eu rhan, ac yn cael eu cefnogi fel unrhyw un arall sy'n gwneud penderfyniadau?",
      discussionPrompts: [
        "Pryd wnaeth barn rhywun sy'n defnyddio gwasanaethau newid penderfyniad yma ddiwethaf? Sut wnaethon nhw ddarganfod pa wahaniaeth a wnaeth?",
        "Pe baech chi'r unig berson â phrofiad bywyd wrth y bwrdd, beth fyddai ei angen arnoch chi i siarad fel rhywun cyfartal?",
      ],
      bandText: {
        'not-yet': "Efallai y bydd pobl yn cael eu gwahodd i gyfarfodydd, ond anaml y mae eu barn yn newid dim, ac anaml y maen nhw'n clywed beth ddigwyddodd wedyn.",
        starting: "Weithiau gweithredir ar farn pobl, ond yn aml mae un person yn cael ei adael i siarad dros bawb, heb fawr o gefnogaeth.",
        'on-the-way': "Mae barn pobl yn aml yn llywio penderfyniadau ac mae pobl yn cael adborth. Mae mwy o bobl yn cymryd rhan, ond dydyn nhw ddim eto'n cael eu dewis gan y bobl maen nhw'n siarad ar eu rhan.",
        strong: "Mae sawl person â phrofiad bywyd, wedi'u dewis gan y bobl maen nhw'n siarad ar eu rhan ac mewn cysylltiad â nhw, yn newid penderfyniadau ac yn cael gwybod sut.",
      },
      nextSteps: {
        'not-yet': [
          'Ar ôl pob cyfarfod y mae pobl yn dod iddo, anfonwch nodyn byr yn dweud beth a benderfynwyd a beth newidiodd oherwydd eu barn.',
          "Gwahoddwch o leiaf ddau berson â phrofiad bywyd i bob grŵp sy'n gwneud penderfyniadau, byth dim ond un.",
        ],
        starting: [
          "Cadwch gofnod syml o awgrymiadau gan bobl sy'n defnyddio gwasanaethau a beth ddigwyddodd i bob un. Rhannwch ef bob ychydig fisoedd.",
          "Anfonwch yr un papurau at y bobl sy'n cymryd rhan ag at bawb arall, yn ddigon cynnar iddyn nhw eu darllen.",
        ],
        'on-the-way': [
          "Gofynnwch i'r grŵp ehangach o bobl sy'n defnyddio gwasanaethau ddewis pwy sy'n siarad ar eu rhan.",
          "Rhowch amser â thâl i'r bobl sy'n siarad ar ran eraill, er mwyn iddyn nhw gwrdd â'r bobl maen nhw'n eu cynrychioli rhwng cyfarfodydd.",
        ],
        strong: [
          "Gwiriwch bob blwyddyn a yw'r bobl wrth y bwrdd yn dal i adlewyrchu'r bobl maen nhw'n siarad ar eu rhan.",
          "Gofynnwch i grŵp o bobl sy'n defnyddio gwasanaethau o'r tu allan i'ch sefydliad adolygu a wnaeth barn pobl newid penderfyniadau go iawn.",
        ],
      },
    },
    leadership: {
      title: 'Arweinyddiaeth arwrol neu arweinyddiaeth a rennir',
      plainTitle: "Pwy sy'n arwain a phwy sy'n penderfynu",
      description:
        "Ydy newid yn dibynnu ar un arweinydd ysbrydoledig, neu ydy arweinyddiaeth yn cael ei rhannu? Ydy arweinwyr yn gweithredu fel cynghreiriaid: yn croesawu her, yn rhoi'r clod i eraill ac yn gadael i eraill wneud penderfyniadau?",
      discussionPrompts: [
        "Pe bai ein harweinydd mwyaf ysbrydoledig yn gadael yfory, pa rai o'n newidiadau fyddai'n parhau, a phwy fyddai'n eu harwain?",
        "Pryd wnaeth arweinydd yma dderbyn her gan rywun â llai o rym ddiwethaf, a rhoi'r clod iddyn nhw?",
      ],
      bandText: {
        'not-yet': "Mae newid yn dibynnu ar ychydig o bobl mewn swyddi uwch. Mae eraill yn aros i gael gwybod beth i'w wneud, a does dim croeso i her.",
        starting: "Mae rhai arweinwyr yn gofyn am syniadau, ond mae penderfyniadau a chlod yn dal i aros ar y brig.",
        'on-the-way': "Mae arweinyddiaeth yn cael ei rhannu mewn rhai mannau. Mae arweinwyr yn aml yn croesawu her ac yn cefnogi penderfyniadau y mae eraill yn eu gwneud.",
        strong: "Mae arweinyddiaeth yn cael ei rhannu'n eang, gan gynnwys gyda phobl sy'n defnyddio gwasanaethau. Mae arweinwyr yn gweithredu fel cynghreiriaid, a byddai newidiadau'n para'n hirach nag unrhyw un person.",
      },
      nextSteps: {
        'not-yet': [
          "Gofynnwch i bob uwch arweinydd enwi un penderfyniad y bydd yn ei drosglwyddo i grŵp sy'n cynnwys pobl sy'n defnyddio gwasanaethau.",
          'Cynhaliwch sesiwn agored reolaidd lle gall unrhyw un holi arweinwyr, a chyhoeddwch yr atebion wedyn.',
        ],
        starting: [
          "Pan fydd newid yn mynd yn dda, enwch y bobl a wnaeth y gwaith, gan gynnwys pobl sy'n defnyddio gwasanaethau.",
          'Gofynnwch i arweinwyr gymryd rhan mewn hyfforddiant ar fod yn gynghreiriad, dan arweiniad pobl â phrofiad bywyd.',
        ],
        'on-the-way': [
          "Rhannwch y gwaith o gadeirio cyfarfodydd pwysig, gan gynnwys gyda phobl sy'n defnyddio gwasanaethau.",
          "Ysgrifennwch sut mae pob newid pwysig yn gweithio, fel nad yw'n dibynnu ar un person.",
        ],
        strong: [
          "Gwnewch rannu grym yn rhan o'r ffordd y mae arweinwyr yn cael eu dewis a'r ffordd yr adolygir eu gwaith.",
          "Gofynnwch i bobl sy'n defnyddio gwasanaethau am adborth ar arweinwyr bob blwyddyn, a gweithredwch arno.",
        ],
      },
    },
    reciprocity: {
      title: 'Dwyochredd',
      plainTitle: 'Cael rhywbeth yn ôl am eich amser',
      description:
        "Ydy'r ddwy ochr yn rhoi ac yn elwa? Ydy pobl yn cael eu talu, neu'n cael diolch mewn ffordd arall, am eu hamser a'u gwybodaeth, yn cael eu gweld am eu sgiliau yn hytrach na'u problemau, ac yn cael help i gefnogi ei gilydd?",
      discussionPrompts: [
        "Beth mae pobl sy'n defnyddio gwasanaethau yn ei roi i'r sefydliad hwn, a beth maen nhw'n ei gael yn ôl am eu hamser a'u harbenigedd?",
        "Pa sgiliau a chryfderau sydd gan y bobl rydyn ni'n eu gwasanaethu nad ydyn ni'n eu defnyddio eto?",
      ],
      bandText: {
        'not-yet': "Mae pobl yn rhoi eu hamser ond yn cael fawr ddim yn ôl. Maen nhw'n cael eu gweld yn bennaf fel pobl ag anghenion.",
        starting: "Mae rhai pobl yn cael eu talu neu'n cael diolch, ond mae'n anghyson, ac anaml y gofynnir am eu sgiliau.",
        'on-the-way': "Fel arfer mae pobl yn cael eu talu neu eu cydnabod, ac mae eu sgiliau'n aml yn cael eu defnyddio. Mae staff yn dysgu ganddyn nhw hefyd.",
        strong: "Mae'r ddwy ochr yn rhoi ac yn elwa. Mae pobl yn cael eu talu'n deg, yn defnyddio eu sgiliau mewn rolau sy'n cael eu gwerthfawrogi, ac mae cymorth gan gymheiriaid yn ffynnu.",
      },
      nextSteps: {
        'not-yet': [
          'Cytunwch ar gyfradd dâl deg am amser pobl, a thalwch dreuliau ar y diwrnod.',
          'Ychwanegwch gwestiwn am sgiliau a diddordebau pobl at sgyrsiau cyntaf.',
        ],
        starting: [
          "Ysgrifennwch bolisi talu syml ar y cyd â phobl sy'n defnyddio gwasanaethau, a gwnewch yn siŵr bod pawb yn gwybod amdano.",
          "Mewn cyfarfodydd tîm, gofynnwch i staff rannu un peth maen nhw wedi'i ddysgu gan bobl sy'n defnyddio gwasanaethau.",
        ],
        'on-the-way': [
          'Cynigiwch le, amser neu grantiau bach fel y gall grwpiau cymorth gan gymheiriaid gwrdd.',
          "Crëwch rolau â thâl sy'n defnyddio profiad bywyd, fel gweithwyr cymheiriaid.",
        ],
        strong: [
          "Gwiriwch gyda phobl bob blwyddyn fod y taliadau a'r gydnabyddiaeth yn dal i deimlo'n deg.",
          'Helpwch grwpiau cymheiriaid i gysylltu â grwpiau eraill yn yr ardal.',
        ],
      },
    },
    'power-risk': {
      title: 'Rhannu grym a risg',
      plainTitle: "Rhannu penderfyniadau a chymryd risgiau gyda'n gilydd",
      description:
        "Oes grym go iawn i newid pethau, fel arian, staffio a blaenoriaethau? Ydy pobl â phrofiad bywyd yn darparu gwasanaethau ochr yn ochr â gweithwyr proffesiynol, ac ydy risgiau'n cael eu trafod yn agored?",
      discussionPrompts: [
        "Pa gyllideb, swydd neu flaenoriaeth y gallai pobl sy'n defnyddio gwasanaethau ei newid go iawn eleni? Beth sy'n ein rhwystro rhag trosglwyddo hynny?",
        "Pan fydd rhywbeth yn mynd o'i le, pwy sy'n cario'r risg yma? Sut gallen ni ei rhannu'n fwy agored?",
      ],
      bandText: {
        'not-yet': "Does gan bobl sy'n defnyddio gwasanaethau ddim llais dros arian, staff na blaenoriaethau, ac mae risgiau'n cael eu penderfynu ar eu rhan.",
        starting: 'Weithiau gofynnir i bobl am flaenoriaethau, ond mae arian, staffio a risg yn aros gyda gweithwyr proffesiynol.',
        'on-the-way': "Mae gan bobl lais go iawn mewn rhai blaenoriaethau ac maen nhw'n helpu i ddewis staff. Mae risgiau'n cael eu trafod yn fwy agored.",
        strong: "Mae pobl yn rhannu penderfyniadau am arian, staff a blaenoriaethau, yn darparu gwasanaethau ochr yn ochr â gweithwyr proffesiynol, ac mae risgiau'n cael eu rhannu'n agored.",
      },
      nextSteps: {
        'not-yet': [
          "Cynhwyswch bobl sy'n defnyddio gwasanaethau ar y panel cyfweld pan fydd yr aelod nesaf o staff yn cael ei benodi.",
          "Cyhoeddwch grynodeb clir o'r gyllideb ac o'r ffordd y penderfynir arni.",
        ],
        starting: [
          "Rhowch gyllideb fach eu hunain i grŵp o bobl sy'n defnyddio gwasanaethau i benderfynu arni.",
          "Trafodwch risgiau'r newid nesaf yn agored gyda'r bobl y mae'n effeithio arnyn nhw, cyn penderfynu.",
        ],
        'on-the-way': [
          "Neilltuwch ran o'r brif gyllideb i'w phenderfynu ar y cyd â phobl sy'n defnyddio gwasanaethau.",
          'Crëwch rolau lle mae pobl â phrofiad bywyd yn darparu gwasanaethau ochr yn ochr â gweithwyr proffesiynol.',
        ],
        strong: [
          "Adolygwch bob blwyddyn faint o'r gyllideb sy'n cael ei phenderfynu ar y cyd, a cheisiwch ei chynyddu.",
          "Rhannwch yr hyn rydych chi wedi'i ddysgu am rannu risg â gwasanaethau eraill.",
        ],
      },
    },
    inclusion: {
      title: 'Amrywiaeth a chynhwysiant',
      plainTitle: 'Cynnwys pawb',
      description:
        "Ydy'r grŵp sy'n cymryd rhan mewn penderfyniadau yn tyfu ac yn dod yn fwy amrywiol, o ran dosbarth, ethnigrwydd, rhywedd, anabledd ac oedran? Pwy sydd ar goll, a beth sy'n cael ei wneud am y rhwystrau?",
      discussionPrompts: [
        "Edrychwch o amgylch y bwrdd lle mae penderfyniadau'n cael eu gwneud: pwy sydd ar goll, a beth sy'n eu cadw draw?",
        'Beth yw un rhwystr y gallen ni ei ddileu y mis hwn fel y gall rhywun newydd gymryd rhan?',
      ],
      bandText: {
        'not-yet': "Mae'r un ychydig o bobl yn cymryd rhan, ac mae llawer o'r grwpiau sy'n defnyddio gwasanaethau ar goll.",
        starting: "Mae rhywfaint o ymdrech yn cael ei gwneud i gyrraedd eraill, ond dydy'r grŵp sy'n cymryd rhan ddim wedi newid llawer.",
        'on-the-way': "Mae'r grŵp sy'n cymryd rhan yn tyfu ac yn dod yn fwy amrywiol. Mae rhai rhwystrau'n aros.",
        strong: "Mae'r bobl sy'n cymryd rhan yn adlewyrchu pawb sy'n defnyddio gwasanaethau, ac mae rhwystrau'n cael eu dileu cyn gynted ag y deuir o hyd iddyn nhw.",
      },
      nextSteps: {
        'not-yet': [
          "Cymharwch pwy sy'n cymryd rhan â phwy sy'n defnyddio eich gwasanaethau, a rhestrwch y grwpiau sydd ar goll.",
          "Cynhaliwch y cyfarfod nesaf ar amser ac mewn lle a ddewiswyd gan bobl sy'n anaml yn dod.",
        ],
        starting: [
          'Gofynnwch i grwpiau cymunedol lleol sut i gyrraedd y bobl sydd ar goll gennych chi, a thalwch nhw am eu help.',
          'Talwch gostau fel teithio, gofal plant a chyfieithwyr ar y pryd, a dywedwch hynny ym mhob gwahoddiad.',
        ],
        'on-the-way': [
          'Cynigiwch wahanol ffyrdd o gymryd rhan, fel ar-lein, dros y ffôn neu mewn grwpiau bach.',
          "Gofynnwch i bobl a roddodd y gorau i gymryd rhan beth fyddai'n dod â nhw yn ôl.",
        ],
        strong: [
          "Gwiriwch bob blwyddyn pwy sy'n cymryd rhan, a rhannwch yr hyn a welwch yn agored.",
          'Cefnogwch aelodau mwy newydd i ymgymryd â rolau arwain.',
        ],
      },
    },
    'lived-expertise': {
      title: 'Buddsoddi mewn arbenigedd drwy brofiad',
      plainTitle: 'Cymorth a thâl i bobl â phrofiad bywyd',
      description:
        "Oes hyfforddiant, cymorth, rhwydweithiau ac arian ar gael i bobl â phrofiad bywyd, ac i grwpiau sy'n cael eu rhedeg gan y bobl sy'n defnyddio gwasanaethau, fel y gall pobl gymryd rhan yn gyfartal?",
      discussionPrompts: [
        "Pa hyfforddiant, cymorth neu arian y mae pobl â phrofiad bywyd yn ei gael yma, o'i gymharu â staff sy'n cymryd rhan yn yr un penderfyniadau?",
        "Pa grwpiau dan arweiniad defnyddwyr neu grwpiau llawr gwlad gerllaw y gallen ni eu cefnogi, a beth fydden nhw'n ei ofyn gennym ni?",
      ],
      bandText: {
        'not-yet': 'Mae disgwyl i bobl â phrofiad bywyd gymryd rhan heb hyfforddiant, cymorth na chyllid.',
        starting: "Mae rhywfaint o hyfforddiant neu gymorth yn cael ei gynnig, ond mae'n dameidiog, a phrin yw'r hyn y mae grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau yn ei gael.",
        'on-the-way': "Mae hyfforddiant a chymorth yn cael eu cynnig fel arfer, ac mae rhai grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau yn cael eu hariannu.",
        strong: "Mae pobl â phrofiad bywyd yn cael yr hyfforddiant, y cymorth a'r rhwydweithiau sydd eu hangen arnyn nhw, ac mae eu grwpiau eu hunain yn cael eu hariannu fel partneriaid cyfartal.",
      },
      nextSteps: {
        'not-yet': [
          "Rhowch enw person cyswllt i bawb sy'n cymryd rhan, rhywun y gallan nhw siarad ag ef neu hi ar ôl cyfarfodydd.",
          "Dewch o hyd i'r grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau yn eich ardal, ac ewch i'w cyfarfod.",
        ],
        starting: [
          'Cynigiwch yr un hyfforddiant i bobl â phrofiad bywyd ag i staff mewn rolau tebyg.',
          "Neilltuwch gyllideb ar gyfer cynnwys pobl, a gadewch i bobl â phrofiad bywyd helpu i benderfynu sut mae'n cael ei gwario.",
        ],
        'on-the-way': [
          "Ariannwch grŵp sy'n cael ei redeg gan bobl sy'n defnyddio gwasanaethau am sawl blwyddyn ar y tro, yn lle fesul prosiect.",
          "Helpwch y bobl sy'n siarad ar ran eraill i gadw mewn cysylltiad â'r bobl maen nhw'n eu cynrychioli.",
        ],
        strong: [
          'Agorwch lwybrau i bobl â phrofiad bywyd i swyddi â thâl, gan gynnwys swyddi uwch.',
          "Gofynnwch i'r grwpiau rydych chi'n eu hariannu adolygu sut rydych chi'n eu hariannu ac yn gweithio gyda nhw.",
        ],
      },
    },
    purpose: {
      title: 'Diben gonest',
      plainTitle: 'Bod yn onest ynghylch pam y gofynnir i chi',
      description:
        "Ydy rhannu grym yn cael ei ddewis am ei fod yn bwysig, neu'n cael ei ddefnyddio i guddio toriadau neu i drosglwyddo cyfrifoldeb heb rym? Ydy geiriau fel \u201cgrymuso\u201d yn cyfateb i'r hyn sy'n digwydd?",
      discussionPrompts: [
        "Pam rydyn ni'n dweud ein bod ni'n cyd-gynhyrchu? Fyddai'r bobl sy'n defnyddio ein gwasanaethau yn rhoi'r un ateb?",
        "Ble gallai \u201cgrymuso\u201d neu \u201ccyd-gynhyrchu\u201d fod yn air mwy caredig am doriad, neu am drosglwyddo gwaith heb y grym i'w newid?",
      ],
      bandText: {
        'not-yet': "Dydy'r sôn am gynnwys pobl ddim yn cyfateb i'r hyn sy'n digwydd. Efallai y gofynnir i bobl ymgymryd â gwaith heb unrhyw rym go iawn.",
        starting: "Mae'r nodau'n dda, ond dydy pobl ddim bob amser yn cael gwybod yn onest pam y gofynnir iddyn nhw, na beth all newid.",
        'on-the-way': 'Fel arfer mae pobl yn cael gwybod yn onest beth all newid a pham y gofynnir iddyn nhw. Mae geiriau a gweithredoedd yn cyfateb gan amlaf.',
        strong: 'Mae rhannu grym yn cael ei ddewis er ei fwyn ei hun. Mae pobl yn clywed y gwir am arian a chyfyngiadau, ac mae cyfrifoldeb yn dod gyda grym.',
      },
      nextSteps: {
        'not-yet': [
          'Cyn gofyn i bobl gymryd rhan, ysgrifennwch yn onest beth all newid a beth na all newid, a rhannwch hynny.',
          "Peidiwch â defnyddio geiriau fel \u201cgrymuso\u201d oni bai eich bod yn gallu enwi'r grym sy'n cael ei rannu.",
        ],
        starting: [
          'Byddwch yn agored am arian: os yw newid yn deillio o doriadau, dywedwch hynny ar y dechrau.',
          "Pan fyddwch chi'n rhoi tasg i bobl sy'n defnyddio gwasanaethau, rhowch y gyllideb neu'r awdurdod i'w gwneud hefyd.",
        ],
        'on-the-way': [
          "Gofynnwch i bobl sy'n defnyddio gwasanaethau bob blwyddyn a yw'r hyn rydych chi'n ei ddweud yn cyfateb i'r hyn maen nhw'n ei weld.",
          "Cyhoeddwch y penderfyniadau y gwnaeth pobl eu newid, a'r rhai na allen nhw eu newid.",
        ],
        strong: [
          'Ysgrifennwch eich rhesymau dros rannu grym yn eich cynlluniau, fel eu bod yn para drwy gyfnodau anodd.',
          "Gwahoddwch her o'r tu allan, er enghraifft gan bobl sy'n defnyddio gwasanaethau sefydliad arall.",
        ],
      },
    },
  },
  items: {
    'cp-last-change': {
      text: "Y tro diwethaf i'r sefydliad hwn newid gwasanaeth, roedd y bobl sy'n ei ddefnyddio\u2026",
      hint: "Meddyliwch am y newid diweddaraf rydych chi'n gwybod amdano. Dewiswch yr opsiwn sy'n gweddu orau.",
      options: ladderRungs('Wedi arwain y newid'),
    },
    'cp-topics': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i benderfynu beth sy'n cael ei drafod mewn cyfarfodydd am wasanaethau." },
    'cp-early': { text: "Mae pobl sy'n defnyddio gwasanaethau yn cael eu cynnwys cyn i unrhyw gynlluniau gael eu hysgrifennu." },
    'cp-chair': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i redeg cyfarfodydd am wasanaethau, er enghraifft fel cadeirydd." },
    'cp-judge': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i farnu a yw newid wedi gweithio." },
    'coproduction-comment': comment,

    'tk-last-decision': {
      text: "Y tro diwethaf i'r sefydliad hwn wneud penderfyniad mawr am ei wasanaethau, roedd y bobl sy'n eu defnyddio\u2026",
      hint: 'Er enghraifft, penderfyniad am oriau agor, blaenoriaethau neu ar gyfer pwy mae gwasanaeth.',
      options: ladderRungs('Wedi arwain y penderfyniad'),
    },
    'tk-change': { text: "Mae barn pobl sy'n defnyddio gwasanaethau yn newid yr hyn y mae'r sefydliad hwn yn ei benderfynu." },
    'tk-told': { text: "Mae pobl sy'n rhoi eu barn yn cael gwybod beth newidiodd o'u herwydd." },
    'tk-several': { text: "Mae o leiaf ddau berson â phrofiad bywyd ar bob grŵp sy'n gwneud penderfyniadau." },
    'tk-chosen': { text: "Mae pobl sy'n siarad ar ran eraill sy'n defnyddio gwasanaethau yn cael eu dewis gan y bobl hynny." },
    'tokenism-comment': comment,

    'ld-shared': { text: "Mae arweinyddiaeth yma'n cael ei rhannu rhwng llawer o bobl, gan gynnwys pobl sy'n defnyddio gwasanaethau." },
    'ld-lasts': { text: "Byddai newidiadau yma'n parhau pe bai uwch arweinydd yn gadael." },
    'ld-challenge': { text: "Mae arweinwyr yn croesawu her gan bobl sy'n defnyddio gwasanaethau." },
    'ld-credit': { text: "Mae arweinwyr yn rhoi'r clod am newidiadau i'r bobl a wnaeth iddyn nhw ddigwydd." },
    'ld-decisions': { text: "Mae arweinwyr yn cefnogi penderfyniadau a wneir gan bobl sy'n defnyddio gwasanaethau." },
    'leadership-comment': comment,

    'rc-paid': {
      text: "Mae pobl â phrofiad bywyd yn cael eu talu'n deg am yr amser maen nhw'n ei roi.",
      hint: "Gallai'r taliad fod yn arian, yn dalebau neu'n fath arall o ddiolch y mae pobl yn ei ddewis.",
    },
    'rc-skills': { text: "Mae staff yn holi pobl sy'n defnyddio gwasanaethau am y sgiliau y gallen nhw eu cynnig." },
    'rc-learn': { text: "Mae staff yn sôn am yr hyn maen nhw wedi'i ddysgu gan bobl sy'n defnyddio gwasanaethau." },
    'rc-peer': { text: "Mae'r sefydliad hwn yn helpu pobl sy'n defnyddio gwasanaethau i sefydlu grwpiau cymorth gan gymheiriaid." },
    'rc-roles': { text: "Mae pobl sy'n defnyddio gwasanaethau yn cael cynnig rolau yma sy'n gwneud defnydd o'u sgiliau." },
    'reciprocity-comment': comment,

    'pr-money': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i benderfynu sut mae arian yn cael ei wario." },
    'pr-staff': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i ddewis staff newydd." },
    'pr-priorities': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i osod blaenoriaethau'r sefydliad hwn ar gyfer y flwyddyn." },
    'pr-deliver': { text: 'Mae pobl â phrofiad bywyd yn darparu gwasanaethau ochr yn ochr â gweithwyr proffesiynol.' },
    'pr-risk': { text: "Mae staff yn siarad yn agored â phobl sy'n defnyddio gwasanaethau am risgiau newid." },
    'power-risk-comment': comment,

    'in-growing': { text: "Mae'r grŵp o bobl sy'n defnyddio gwasanaethau sy'n cymryd rhan mewn penderfyniadau yn tyfu." },
    'in-varied': {
      text: "Mae'r bobl sy'n cymryd rhan mor amrywiol â'r bobl sy'n defnyddio gwasanaethau.",
      hint: 'Er enghraifft o ran oedran, dosbarth, anabledd, ethnigrwydd neu rywedd.',
    },
    'in-missing': { text: "Mae'r sefydliad hwn yn gwirio pa grwpiau o bobl sydd ar goll o benderfyniadau." },
    'in-costs': { text: "Mae'r sefydliad hwn yn talu'r costau y mae pobl yn eu hwynebu wrth gymryd rhan, fel teithio." },
    'in-suit': { text: "Mae cyfarfodydd yn cael eu trefnu i weddu i'r bobl sy'n cymryd rhan." },
    'inclusion-comment': comment,

    'le-training': { text: "Mae pobl â phrofiad bywyd yn cael cynnig hyfforddiant ar gyfer y rolau maen nhw'n ymgymryd â nhw." },
    'le-support': { text: "Mae pobl â phrofiad bywyd yn cael cymorth gan y sefydliad hwn yn y rolau maen nhw'n ymgymryd â nhw." },
    'le-network': { text: "Mae'r sefydliad hwn yn helpu pobl sy'n siarad ar ran eraill i gadw mewn cysylltiad â nhw." },
    'le-funding': { text: "Mae'r sefydliad hwn yn ariannu grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau." },
    'le-budget': { text: 'Mae arian yn cael ei neilltuo ar gyfer cynnwys pobl â phrofiad bywyd.' },
    'lived-expertise-comment': comment,

    'hp-why': { text: 'Mae pobl yn cael gwybod yn onest pam y gofynnir iddyn nhw gymryd rhan.' },
    'hp-limits': { text: "Mae pobl yn cael gwybod ar y dechrau pa bethau sy'n agored i newid." },
    'hp-money': { text: "Mae'r sefydliad hwn yn onest â phobl sy'n defnyddio gwasanaethau pan fo arian yn brin." },
    'hp-power': { text: "Pan fydd pobl yn ymgymryd â thasg yma, maen nhw'n cael y grym i'w chyflawni." },
    'hp-match': { text: "Mae'r hyn y mae'r sefydliad hwn yn ei ddweud am rannu grym yn cyfateb i'r hyn sy'n digwydd." },
    'purpose-comment': comment,
  },
  flags: {
    'consultation-not-coproduction': {
      title: 'Ymgynghori, nid cyd-gynhyrchu',
      description:
        "Mae'r rhan fwyaf o bobl yn dweud, y tro diwethaf i wasanaeth newid, mai'r mwyaf a gafodd y bobl sy'n ei ddefnyddio oedd cais am sylwadau ar gynllun a oedd eisoes wedi'i orffen. " +
        "Ymgynghori yw hynny: roedd y dewisiadau eisoes wedi'u gwneud. Y tro nesaf, dylech gynnwys pobl cyn bod cynllun.",
    },
    'seen-differently': {
      title: "Gweld pethau'n wahanol",
      description:
        "Mae'r bobl sy'n defnyddio gwasanaethau a'r bobl sy'n eu rhedeg yn gweld y thema hon yn eithaf gwahanol. " +
        "Mae'r bwlch ei hun yn werth ei drafod gyda'ch gilydd: gofynnwch i bob ochr beth maen nhw'n ei weld nad yw'r ochr arall yn ei weld.",
      groupALabel: 'Pobl â phrofiad bywyd a gofalwyr',
      groupBLabel: "Staff, arweinwyr a'r bwrdd",
    },
    'tokenism-risk': {
      title: 'Risg o docenistiaeth',
      description:
        "Mae'r rhan fwyaf o staff ac arweinwyr yn dweud bod pobl sy'n defnyddio gwasanaethau wedi helpu i lunio, wedi rhannu neu wedi arwain y penderfyniad mawr diwethaf, tra bo'r rhan fwyaf o bobl â phrofiad bywyd yn dweud mai'r mwyaf a gawson nhw oedd cais am eu barn. " +
        "Pan fydd y ddwy ochr yn gweld cynnwys pobl mor wahanol, gall deimlo fel ystum symbolaidd i'r bobl dan sylw.",
      groupALabel: 'Staff ac arweinwyr',
      groupBLabel: 'Pobl â phrofiad bywyd',
    },
  },
} satisfies TranslatedTexts;
