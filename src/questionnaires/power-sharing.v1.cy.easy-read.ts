// The Welsh Easy Read wording (Hawdd ei Ddeall) of "Power-sharing self-assessment", version 1
// (issue 15): the Welsh of power-sharing.v1.easy-read.ts, text for text, under the same ids, so a
// Welsh Easy Read answer scores exactly like any other. Complete, as every overlay must be (held by
// test/questionnaires/power-sharing-texts.test.ts). Written from the same Easy Read guidance as the
// English (docs/questionnaire.md, "Easy Read and Welsh"): short sentences, one idea in each,
// everyday words, numbers as digits, "chi" throughout, and everyday Welsh forms ("Dw i", "ein
// sefydliad") where Welsh Easy Read documents use them. It should be reviewed by a fluent Welsh
// speaker, ideally one who writes Easy Read, before a Welsh public body relies on it.
//
// Words used the same way throughout:
// - "pobl sy'n defnyddio gwasanaethau" for "people who use services";
// - "pobl sydd wedi defnyddio gwasanaethau" for "people who have used services";
// - "ni", "ein" for "we", "our" (our organisation), said once in the welcome text;
// - "rhan" for "part" (a theme); "staff" for "staff".

/** The Easy Read texts of one questionnaire, keyed by the ids of its standard definition. */
interface EasyReadTexts {
  intro: string;
  scale: { practice: string[]; dontKnowLabel: string };
  themes: Record<string, { title: string; description: string }>;
  items: Record<string, { text: string; hint?: string; options?: string[] }>;
  roles: Record<string, string>;
}

/** The seven rungs of a ladder item, lowest first, as answers to "Pa ran gawson nhw?". */
const ladderRungs = (top: string): string[] => [
  "Doedd ganddyn nhw ddim rhan ynddo.",
  "Dim ond ar ôl y penderfyniad y cawson nhw wybod.",
  "Cawson nhw eu holi beth oedden nhw'n ei feddwl am gynllun gorffenedig.",
  "Cawson nhw eu holi beth oedd yn bwysig iddyn nhw cyn bod cynllun.",
  "Fe wnaethon nhw helpu i benderfynu beth oedd y dewisiadau.",
  "Fe wnaethon nhw'r dewis olaf gyda'r staff.",
  top,
];

const comment = { text: "Oes unrhyw beth arall rydych chi eisiau ei ddweud wrthym am y rhan hon? Peidiwch ag ysgrifennu enw neb." };

/** "Power-sharing self-assessment", version 1, in Welsh Easy Read. */
export const powerSharingV1WelshEasyRead = {
  intro:
    "Mae'r cwestiynau hyn am ein sefydliad. " +
    "Grŵp sy'n rhedeg gwasanaethau yw sefydliad, fel elusen neu wasanaeth gofal. " +
    "Yn y cwestiynau hyn, mae \u201cni\u201d yn golygu ein sefydliad. " +
    "Rydym eisiau gwybod a ydym yn rhannu grym gyda'r bobl sy'n defnyddio ein gwasanaethau. " +
    "Mae rhannu grym yn golygu bod gan bobl lais go iawn. " +
    "Does dim atebion cywir nac anghywir. " +
    "Atebwch o'r hyn rydych chi wedi'i weld eich hun. " +
    "Os nad ydych chi'n siŵr, dewiswch \u201cDw i ddim yn gwybod\u201d. " +
    "Does dim rhaid i chi ateb pob cwestiwn. " +
    "Gallwch stopio a dod yn ôl yn nes ymlaen. " +
    "Mae eich atebion yn ddienw. " +
    "Mae hyn yn golygu nad ydym yn gofyn am eich enw. " +
    "Dim ond ar gyfer grwpiau o sawl person rydym yn dangos canlyniadau.",
  scale: {
    practice: ['Byth', 'Ddim yn aml', 'Weithiau', 'Yn aml', 'Bob amser'],
    dontKnowLabel: 'Dw i ddim yn gwybod',
  },
  themes: {
    coproduction: {
      title: "Bod yn rhan o bethau o'r dechrau",
      description:
        "Mae'r rhan hon am pryd mae pobl sy'n defnyddio gwasanaethau yn cymryd rhan. " +
        "Ydyn nhw yno o'r dechrau un? " +
        "Ydyn nhw'n helpu i ddewis beth i siarad amdano? " +
        "Ydyn nhw'n helpu i wneud y cynlluniau? " +
        "Neu ydyn ni ond yn holi eu barn pan fydd y cynlluniau'n barod?",
    },
    tokenism: {
      title: 'Cael gwrandawiad go iawn',
      description:
        "Mae'r rhan hon am gael gwrandawiad go iawn. " +
        "Ydy barn pobl sy'n defnyddio gwasanaethau yn newid penderfyniadau? " +
        "Ydyn nhw'n cael gwybod beth newidiodd? " +
        "Oes 2 neu fwy ohonyn nhw ym mhob grŵp sy'n penderfynu? " +
        "Ydy'r bobl maen nhw'n siarad ar eu rhan yn eu dewis? " +
        "Ydyn nhw'n cael yr un help â phawb arall sy'n gwneud penderfyniadau?",
    },
    leadership: {
      title: "Pwy sy'n arwain a phwy sy'n penderfynu",
      description:
        "Mae'r rhan hon am arweinwyr. " +
        "Arweinwyr yw'r bobl sy'n gyfrifol. " +
        "Ydy newidiadau yma'n dibynnu ar un arweinydd arbennig? " +
        "Neu ydy llawer o bobl yn rhannu'r gwaith o arwain? " +
        "Ydy arweinwyr yn hapus pan fydd pobl yn eu holi? " +
        "Ydy arweinwyr yn rhoi'r clod i bobl eraill? " +
        "Ydyn nhw'n gadael i bobl eraill wneud penderfyniadau?",
    },
    reciprocity: {
      title: 'Cael rhywbeth yn ôl am eich amser',
      description:
        "Mae'r rhan hon am roi a chael yn ôl. " +
        "Mae pobl sy'n defnyddio gwasanaethau yn rhoi eu hamser. " +
        "Maen nhw'n rhannu'r hyn maen nhw'n ei wybod. " +
        "Ydyn nhw'n cael rhywbeth yn ôl? " +
        "Ydyn nhw'n cael eu talu neu eu diolch? " +
        "Ydyn ni'n gweld beth maen nhw'n dda am ei wneud, nid dim ond eu problemau? " +
        "Ydyn ni'n helpu pobl i gefnogi ei gilydd?",
    },
    'power-risk': {
      title: 'Rhannu penderfyniadau a risgiau gyda’n gilydd',
      description:
        "Mae'r rhan hon am rym go iawn. " +
        "Ydy pobl sy'n defnyddio gwasanaethau yn gallu newid pethau mawr? " +
        "Er enghraifft, sut mae arian yn cael ei wario. " +
        "Neu pwy sy'n gweithio yma, neu beth sydd bwysicaf. " +
        "Ydy pobl sydd wedi defnyddio gwasanaethau yn gweithio gyda staff i redeg gwasanaethau? " +
        "Risg yw rhywbeth a allai fynd o'i le. " +
        "Ydy staff yn siarad yn agored am risgiau?",
    },
    inclusion: {
      title: 'Cynnwys pawb',
      description:
        "Mae'r rhan hon am bwy sy'n cymryd rhan. " +
        "Ydy'r grŵp sy'n helpu i wneud penderfyniadau yn mynd yn fwy? " +
        "Oes llawer o wahanol fathau o bobl ynddo? " +
        "Gallen nhw fod yn ifanc neu'n hen. " +
        "Gallen nhw fod yn anabl. " +
        "Gallen nhw fod o unrhyw hil neu rywedd. " +
        "Gallen nhw fod â mwy o arian neu lai o arian. " +
        "Pwy sydd ar goll? " +
        "Beth ydyn ni'n ei wneud i'w gwneud hi'n haws iddyn nhw gymryd rhan?",
    },
    'lived-expertise': {
      title: 'Help ac arian i gymryd rhan',
      description:
        "Mae'r rhan hon am help i bobl sydd wedi defnyddio gwasanaethau. " +
        "Ydyn nhw'n cael hyfforddiant? " +
        "Ydyn nhw'n cael cefnogaeth? " +
        "Ydyn nhw'n gallu cwrdd â phobl eraill fel nhw a chadw mewn cysylltiad? " +
        "Oes arian i grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau? " +
        "Mae hyn i gyd yn helpu pobl i gymryd rhan yn gyfartal.",
    },
    purpose: {
      title: 'Dweud yn onest pam rydym yn gofyn',
      description:
        "Mae'r rhan hon am fod yn onest. " +
        "Pam ydyn ni'n gofyn i bobl gymryd rhan? " +
        "Ai oherwydd bod eu barn yn bwysig? " +
        "Neu ai ffordd o arbed arian yw e? " +
        "Neu i roi gwaith i bobl heb y grym i newid pethau? " +
        "Ydy'r geiriau rydym yn eu defnyddio yn cyd-fynd â'r hyn sy'n digwydd go iawn?",
    },
  },
  items: {
    'cp-last-change': {
      text: "Meddyliwch am y tro diwethaf i ni newid gwasanaeth. Pa ran gafodd y bobl sy'n defnyddio'r gwasanaeth hwnnw?",
      hint: "Meddyliwch am y newid diwethaf rydych chi'n gwybod amdano. Yna dewiswch yr ateb sy'n gweddu orau.",
      options: ladderRungs("Nhw wnaeth arwain y newid."),
    },
    'cp-topics': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i ddewis beth i siarad amdano mewn cyfarfodydd." },
    'cp-early': { text: "Mae pobl sy'n defnyddio gwasanaethau yn cymryd rhan cyn i neb ysgrifennu cynllun." },
    'cp-chair': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i redeg cyfarfodydd. Er enghraifft, nhw yw'r person sy'n gyfrifol am y cyfarfod." },
    'cp-judge': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i wirio a weithiodd newid." },
    'coproduction-comment': comment,

    'tk-last-decision': {
      text: "Meddyliwch am y tro diwethaf i ni wneud penderfyniad mawr am ein gwasanaethau. Pa ran gafodd y bobl sy'n eu defnyddio?",
      hint: "Er enghraifft, am pryd mae gwasanaeth ar agor. Neu am beth sydd bwysicaf. Neu am bwy mae gwasanaeth ar ei gyfer.",
      options: ladderRungs("Nhw wnaeth arwain y penderfyniad."),
    },
    'tk-change': { text: "Mae pobl sy'n defnyddio gwasanaethau yn dweud beth maen nhw'n ei feddwl. Mae hyn yn newid yr hyn rydym yn ei benderfynu." },
    'tk-told': { text: "Rydym yn dweud wrth bobl beth newidiodd oherwydd yr hyn a ddywedon nhw." },
    'tk-several': { text: "Mae 2 neu fwy o bobl sydd wedi defnyddio gwasanaethau ar bob grŵp sy'n penderfynu." },
    'tk-chosen': { text: "Mae rhai pobl yn siarad ar ran eraill sy'n defnyddio gwasanaethau. Mae'r bobl maen nhw'n siarad ar eu rhan yn eu dewis." },
    'tokenism-comment': comment,

    'ld-shared': { text: "Mae llawer o bobl yma'n rhannu'r gwaith o arwain. Mae hyn yn cynnwys pobl sy'n defnyddio gwasanaethau." },
    'ld-lasts': { text: "Pe bai prif arweinydd yn gadael, byddai'r newidiadau yma'n dal i fynd." },
    'ld-challenge': { text: "Mae arweinwyr yn falch pan fydd pobl sy'n defnyddio gwasanaethau yn eu holi." },
    'ld-credit': { text: "Mae arweinwyr yn rhoi'r clod am newid i'r bobl a wnaeth iddo ddigwydd." },
    'ld-decisions': { text: "Mae arweinwyr yn cefnogi'r dewisiadau y mae pobl sy'n defnyddio gwasanaethau yn eu gwneud." },
    'leadership-comment': comment,

    'rc-paid': {
      text: "Mae pobl sydd wedi defnyddio gwasanaethau yn cael tâl teg am eu hamser.",
      hint: "Gallai tâl fod yn arian neu'n dalebau. Neu gallai fod yn ffordd arall o ddiolch y mae pobl yn ei dewis.",
    },
    'rc-skills': { text: "Mae staff yn gofyn i bobl sy'n defnyddio gwasanaethau am eu sgiliau." },
    'rc-learn': { text: "Mae staff yn sôn am beth maen nhw wedi'i ddysgu gan bobl sy'n defnyddio gwasanaethau." },
    'rc-peer': { text: "Rydym yn helpu pobl sy'n defnyddio gwasanaethau i ddechrau grwpiau cefnogi. Yn y grwpiau hyn, mae pobl yn helpu ei gilydd." },
    'rc-roles': { text: "Rydym yn cynnig swyddi neu dasgau i bobl sy'n defnyddio gwasanaethau sy'n defnyddio eu sgiliau." },
    'reciprocity-comment': comment,

    'pr-money': { text: "Mae pobl sy'n defnyddio gwasanaethau yn ein helpu i benderfynu sut i wario arian." },
    'pr-staff': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i ddewis staff newydd." },
    'pr-priorities': { text: "Mae pobl sy'n defnyddio gwasanaethau yn helpu i ddewis beth sydd bwysicaf bob blwyddyn." },
    'pr-deliver': { text: "Mae pobl sydd wedi defnyddio gwasanaethau yn gweithio gyda staff i redeg gwasanaethau." },
    'pr-risk': { text: "Mae staff yn siarad yn agored gyda phobl sy'n defnyddio gwasanaethau am risgiau newid. Risg yw rhywbeth a allai fynd o'i le." },
    'power-risk-comment': comment,

    'in-growing': { text: "Mae mwy a mwy o bobl sy'n defnyddio gwasanaethau yn cymryd rhan mewn penderfyniadau." },
    'in-varied': {
      text: "Mae llawer o fathau o bobl yn defnyddio ein gwasanaethau. Mae'r bobl sy'n cymryd rhan yr un mor gymysg.",
      hint: "Er enghraifft, gallen nhw fod yn ifanc neu'n hen. Gallen nhw fod yn anabl. Gallen nhw fod o unrhyw hil neu rywedd. Gallen nhw fod â mwy o arian neu lai o arian.",
    },
    'in-missing': { text: "Rydym yn gwirio pa grwpiau o bobl sydd ar goll o benderfyniadau." },
    'in-costs': { text: "Rydym yn talu'r costau sydd gan bobl pan fyddan nhw'n cymryd rhan. Er enghraifft, cost teithio." },
    'in-suit': { text: "Rydym yn trefnu cyfarfodydd i siwtio'r bobl sy'n cymryd rhan." },
    'inclusion-comment': comment,

    'le-training': { text: "Mae pobl sydd wedi defnyddio gwasanaethau yn gallu cael hyfforddiant ar gyfer eu swyddi." },
    'le-support': { text: "Rydym yn cefnogi pobl sydd wedi defnyddio gwasanaethau yn y swyddi maen nhw'n eu gwneud." },
    'le-network': { text: "Mae rhai pobl yn siarad ar ran eraill. Rydym yn eu helpu i gadw mewn cysylltiad â'r bobl maen nhw'n siarad drostynt." },
    'le-funding': { text: "Rydym yn rhoi arian i grwpiau sy'n cael eu rhedeg gan bobl sy'n defnyddio gwasanaethau." },
    'le-budget': { text: "Rydym yn cadw arian i helpu pobl sydd wedi defnyddio gwasanaethau i gymryd rhan." },
    'lived-expertise-comment': comment,

    'hp-why': { text: "Rydym yn dweud yn onest wrth bobl pam rydym yn gofyn iddyn nhw gymryd rhan." },
    'hp-limits': { text: "Ar y dechrau, rydym yn dweud wrth bobl beth maen nhw'n gallu ei newid." },
    'hp-money': { text: "Pan fydd arian yn brin, rydym yn dweud y gwir wrth bobl sy'n defnyddio gwasanaethau." },
    'hp-power': { text: "Pan fydd pobl yn cymryd tasg yma, maen nhw'n cael y grym i'w gwneud." },
    'hp-match': { text: "Rydym yn gwneud yr hyn rydym yn ei ddweud am rannu grym." },
    'purpose-comment': comment,
  },
  roles: {
    lived: "Dw i'n defnyddio gwasanaethau, neu dw i wedi eu defnyddio",
    carer: "Dw i'n aelod o'r teulu neu'n ofalwr",
    staff: "Dw i'n gweithio neu'n gwirfoddoli yma",
    leader: "Dw i'n rheolwr neu'n arweinydd yma",
    board: "Dw i ar y bwrdd sy'n gyfrifol yma, neu dw i'n ymddiriedolwr",
    partner: "Dw i'n gweithio i grŵp arall sy'n gweithio gyda ni neu'n talu am ein gwasanaethau",
    unsaid: "Byddai'n well gen i beidio â dweud",
  },
} satisfies EasyReadTexts;
