// Geiriau Hawdd ei Ddeall y tudalennau ateb yn Gymraeg: the Welsh of easy-read/en.ts, key for key
// (the type makes every key of the English Easy Read set required here, and no other). Short
// sentences, everyday words, "chi" throughout; "rhan" for a theme, as the questionnaire's Welsh
// Easy Read says. Written by the developers, not by a fluent speaker: have it reviewed (see README).
import type { Catalogue } from '../en';

export const easyReadCy: Catalogue['easyRead'] = {
  welcome: {
    asked: 'Beth y byddwn yn ei ofyn i chi',
    sections: "Mae {{n}} rhan fer. Mae gan bob rhan ei thudalen ei hun:",
    minutes: "Mae'n cymryd tua {{n}} munud. Does dim rhaid i chi ateb pob cwestiwn. Mae gan bob cwestiwn yr ateb “Dw i ddim yn gwybod”.",
    anonymous: "Mae eich atebion yn ddienw. Mae hyn yn golygu nad ydym yn gofyn am eich enw na'ch e-bost. Nid ydym yn cadw eich cyfeiriad rhyngrwyd.",
    groups: "Byddwn yn gofyn ym mha grŵp rydych chi. Er enghraifft, staff, neu bobl sy'n defnyddio gwasanaethau. Rydym yn dangos canlyniadau grŵp dim ond pan fydd {{n}} neu fwy ohonynt yn ateb. Felly ni all neb ddweud sut y gwnaethoch chi ateb.",
    comments: "Gallwch ysgrifennu sylw mewn blwch. Rydym yn dangos sylwadau heb eich grŵp. Rydym yn eu dangos dim ond pan fydd {{n}} neu fwy o bobl wedi ateb. Peidiwch ag ysgrifennu enw neb.",
    saved: "Rydym yn cadw eich atebion bob tro y byddwch yn mynd i'r dudalen nesaf. Rydym yn rhoi cod i chi ei ysgrifennu. Gyda'r cod, gallwch orffen yn nes ymlaen. Gallwch ddefnyddio'r ddyfais hon neu un arall.",
    inProgress: "Rydych chi wedi dechrau ateb. Eich cod yw {{code}}.",
    continue: "Mynd ymlaen o'r man lle gwnaethoch stopio",
    alreadySent: "Rydych chi wedi anfon eich atebion o'r ddyfais hon. Diolch. Oes rhywun arall yn defnyddio'r ddyfais hon? Gallant ddechrau eu hatebion eu hunain isod.",
  },
  role: {
    title: "Pa un o'r rhain sydd fwyaf tebyg i chi?",
    hint: "Mae hyn yn ein helpu i weld a yw grwpiau'n meddwl mewn ffyrdd gwahanol. Rydym yn dangos canlyniadau grŵp dim ond pan fydd {{n}} neu fwy ohonynt yn ateb.",
    error: "Dewiswch yr ateb sydd fwyaf tebyg i chi",
    assistedLegend: "Ydych chi'n helpu rhywun arall i ateb?",
    assistedHint: "Er enghraifft, efallai eich bod yn gefnogwr. Os ydych, dewiswch grŵp y person rydych chi'n ei helpu. Yna rhowch ei atebion. Dim ond nodi ei fod wedi cael help rydym ni. Nid ydym yn cadw dim amdanoch chi nac amdano.",
    assistedYes: "Ydw, rwy'n helpu rhywun i ateb",
    resumeCode: "Eich cod yw {{code}}. Ysgrifennwch ef os ydych am orffen yn nes ymlaen.",
  },
  theme: {
    backSaves: " (mae hyn yn cadw eich atebion ar y dudalen hon)",
    progress: 'Rhan {{n}} o {{total}}',
    answerFor: "Dywedwch wrthym beth rydych chi'n ei feddwl am ein sefydliad. Gallwch hepgor unrhyw gwestiwn. Dewiswch “Dim ateb” i dynnu ateb a roesoch yn ôl.",
    saveContinue: 'Cadw a mynd ymlaen',
    resumeCode: 'Eich cod yw {{code}}.',
    picture: "Llun ar gyfer y rhan hon",
  },
  question: {
    noAnswerHidden: " (tynnu eich ateb yn ôl)",
    ladderHint: "Dewiswch yr ateb sy'n gweddu orau.",
    optional: '(os ydych chi eisiau)',
    upTo: 'Gallwch ysgrifennu hyd at {{n}} llythyren a bwlch.',
    charsLeft: 'Gallwch ysgrifennu {{n}} llythyren a bwlch arall',
    charsOver: 'Rydych wedi ysgrifennu {{n}} llythyren a bwlch yn ormod',
  },
  answerErrors: {
    formUnreadable: "Nid oeddem yn gallu darllen y ffurflen. Rhowch gynnig arall arni.",
    commentTwice: "Anfonoch eich sylw ar gyfer “{{question}}” 2 waith. Anfonwch ef unwaith.",
    chooseOnlyOne: "Dewiswch 1 ateb yn unig ar gyfer “{{question}}”.",
    unreadable: "Nid oeddem yn gallu darllen eich ateb ar gyfer “{{question}}”. Rhowch gynnig arall arni.",
    tooLong: "Mae gan eich sylw {{length}} llythyren a bwlch. Defnyddiwch {{max}} neu lai.",
    chooseOption: "Dewiswch 1 o'r atebion ar gyfer “{{question}}”.",
  },
  check: {
    answered: "Rydych wedi ateb {{answered}} o {{total}} cwestiwn. Does dim rhaid i chi ysgrifennu sylwadau. Nid ydym yn eu cyfrif. Gallwch newid unrhyw ateb cyn i chi eu hanfon.",
    howFar: "Faint rydych chi wedi'i wneud",
    describes: 'Fwyaf tebyg i chi',
    changeRole: " ym mha grŵp rydych chi",
    assistedYes: "Ydy: mae rhywun yn helpu i ateb",
    changeAssisted: ' a gawsoch chi help',
    send: 'Anfon eich atebion',
    sendText: "Pan fyddwch yn anfon eich atebion, rydym yn eu hychwanegu at yr holl atebion eraill. Nid ydym yn gwybod pwy a'u hanfonodd. Ni allwch eu newid ar ôl i chi eu hanfon.",
    notReady: "Ddim yn barod eto? Rydym wedi cadw eich atebion. Eich cod yw {{code}}.",
    noComment: "Dim sylw. Does dim rhaid i chi ysgrifennu un.",
    emptyAnswers: "Atebwch 1 cwestiwn neu fwy cyn i chi anfon. Mae “Dw i ddim yn gwybod” yn cyfrif fel ateb.",
  },
  saved: {
    title: "Rydym wedi cadw eich atebion",
    code: "Eich cod i ddod yn ôl yw",
    writeDown: "Ysgrifennwch y cod hwn, neu tynnwch lun ohono. I orffen yn nes ymlaen, ewch i {{address}}. Yna teipiwch y cod. Gallwch ddefnyddio'r ddyfais hon neu un arall.",
    kept: "Rydym yn cadw eich atebion am {{days}} diwrnod ar ôl i chi eu newid ddiwethaf. Os na ddewch yn ôl erbyn hynny, rydym yn eu dileu. Nid ydym yn eu hanfon.",
    carryOn: 'Mynd ymlaen i ateb nawr',
  },
  thanks: {
    sent: "Rydym wedi cael eich atebion. Rydym wedi eu cyfrif.",
    private: "Ni all neb weld eich atebion eich hun. Ni all neb gysylltu eich atebion â chi.",
  },
  public: {
    paper: {
      howTitle: "Sut i lenwi'r ffurflen hon",
      tickOne: "Rhowch dic mewn 1 blwch ar gyfer pob cwestiwn. Fel hyn:",
      changeMind: "Ydych chi wedi newid eich meddwl? Croeswch y blwch allan. Yna ticiwch flwch arall.",
      leaveOut: "Does dim rhaid i chi ateb pob cwestiwn. Mae “{{dontKnow}}” yn ateb hefyd.",
      noNameRest: " ar y ffurflen hon. Peidiwch ag ysgrifennu enw neb arall.",
      anonymous: "Mae eich atebion yn ddienw. Bydd rhywun yn eu teipio heb eich enw. Rydym yn eu hychwanegu at yr holl atebion eraill. Rydym yn dangos canlyniadau grŵp dim ond pan fydd {{n}} neu fwy ohonynt yn ateb.",
      online: "Gallwch ateb ar-lein yn lle hynny. Ewch i {{link}}. Neu ewch i'r dudalen ymuno a theipiwch god y rownd {{code}}.",
      roleQuestion: "Pa un o'r rhain sydd fwyaf tebyg i chi? Ticiwch 1 blwch.",
      roleHint: "Mae hyn yn ein helpu i weld a yw grwpiau'n meddwl mewn ffyrdd gwahanol.",
      ladderHint: "Ticiwch yr ateb sy'n gweddu orau.",
      commentHint: "Ysgrifennwch yn y blwch os ydych chi eisiau.",
      finished: "Diolch. Plygwch y ffurflen fel na all neb ddarllen eich atebion. Rhowch hi yn ôl i'r person a'i rhoddodd i chi. Neu rhowch hi yn y blwch neu'r amlen a gawsoch. Bydd rhywun yn teipio eich atebion heb eich enw. Yna rydym yn eu cyfrif gyda'r holl atebion eraill.",
    },
  },
};
