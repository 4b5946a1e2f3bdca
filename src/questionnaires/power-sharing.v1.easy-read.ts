// The Easy Read wording of "Power-sharing self-assessment", version 1 (issue 15, item 1).
//
// Same ids as power-sharing.v1.ts: an answer to an Easy Read item is an answer to the standard item
// and scores the same, so every item keeps its meaning, and "Always" (or the top rung of a ladder)
// still means the most sharing of power. Written from the published Easy Read guidance named in
// docs/questionnaire.md ("Easy Read and Welsh"): short sentences, one idea in each, everyday words,
// active voice where it reads naturally, numbers as digits, no abbreviations, a hard word explained
// where it cannot be avoided. The wording rules and the readability bound are held by
// test/questionnaires/power-sharing-texts.test.ts.
//
// Words used the same way throughout:
// - "people who use services" for the standard "people who use services";
// - "people who have used services" for "people with lived experience" (people who know services
//   from their own life, now or in the past);
// - "we", "us" and "our" for "this organisation" (the organisation that runs the services and
//   asks the questions), said once in the welcome text: Easy Read guidance prefers "we" and "you"
//   to a long noun repeated in every sentence;
// - "staff" for "professionals".

/** The Easy Read texts of one questionnaire, keyed by the ids of its standard definition. */
interface EasyReadTexts {
  intro: string;
  scale: { practice: string[]; dontKnowLabel: string };
  themes: Record<string, { title: string; description: string }>;
  items: Record<string, { text: string; hint?: string; options?: string[] }>;
  roles: Record<string, string>;
}

/** The seven rungs of a ladder item, lowest first, as answers to "What part did they have?". */
const ladderRungs = (top: string): string[] => [
  'They had no part in it.',
  'They only found out after it was decided.',
  'They were asked what they thought of a finished plan.',
  'They were asked what mattered to them before there was a plan.',
  'They helped to decide what the choices were.',
  'They made the final choice together with staff.',
  top,
];

const comment = { text: 'Is there anything else you want to tell us about this part? Please do not write anyone\u2019s name.' };

/** "Power-sharing self-assessment", version 1, in Easy Read. */
export const powerSharingV1EasyRead = {
  intro:
    'These questions are about our organisation. ' +
    'An organisation is a group that runs services, like a charity or a care service. ' +
    'In these questions, \u201cwe\u201d means our organisation. ' +
    'We want to know if we share power with the people who use our services. ' +
    'Sharing power means that people have a real say in what happens. ' +
    'There are no right or wrong answers. ' +
    'Answer from what you have seen yourself. ' +
    'If you are not sure, choose \u201cI don\u2019t know\u201d. ' +
    'You do not have to answer every question. ' +
    'You can stop and come back later. ' +
    'Your answers are anonymous. ' +
    'This means that we do not ask for your name. ' +
    'We only show results for groups of several people.',
  scale: {
    practice: ['Never', 'Not often', 'Sometimes', 'Often', 'Always'],
    dontKnowLabel: 'I don\u2019t know',
  },
  themes: {
    coproduction: {
      title: 'Being involved from the start',
      description:
        'This part is about when people who use services take part. ' +
        'Are they there from the very start? ' +
        'Do they help choose what to talk about? ' +
        'Do they help make the plans? ' +
        'Or do we only ask them what they think when the plans are finished?',
    },
    tokenism: {
      title: 'Being really listened to',
      description:
        'This part is about being really listened to. ' +
        'Do the views of people who use services change decisions? ' +
        'Do they find out what changed? ' +
        'Are there 2 or more of them in each group that decides? ' +
        'Do the people they speak for choose them? ' +
        'Do they get the same help as everyone else who makes decisions?',
    },
    leadership: {
      title: 'Who leads and who decides',
      description:
        'This part is about leaders. ' +
        'Leaders are the people in charge. ' +
        'Do changes here depend on one special leader? ' +
        'Or do many people share the job of leading? ' +
        'Are leaders happy when people question them? ' +
        'Do leaders give the praise to others? ' +
        'Do they let other people make decisions?',
    },
    reciprocity: {
      title: 'Getting something back for your time',
      description:
        'This part is about giving and getting back. ' +
        'People who use services give their time. ' +
        'They share what they know. ' +
        'Do they get something back? ' +
        'Are they paid or thanked? ' +
        'Do we see what they are good at, not just their problems? ' +
        'Do we help people to support each other?',
    },
    'power-risk': {
      title: 'Sharing decisions and taking risks together',
      description:
        'This part is about real power. ' +
        'Can people who use services change big things? ' +
        'For example, how money is spent. ' +
        'Or who works here, or what matters most. ' +
        'Do people who have used services work with staff to run services? ' +
        'A risk is something that might go wrong. ' +
        'Do staff talk openly about risks?',
    },
    inclusion: {
      title: 'Including everyone',
      description:
        'This part is about who takes part. ' +
        'Is the group that helps make decisions getting bigger? ' +
        'Does it have many different kinds of people in it? ' +
        'They could be young or old. ' +
        'They could be disabled. ' +
        'They could be any race or gender. ' +
        'They could have more money or less money. ' +
        'Who is missing? ' +
        'What do we do to make it easier for them to take part?',
    },
    'lived-expertise': {
      title: 'Help and money so people can take part',
      description:
        'This part is about help for people who have used services. ' +
        'Do they get training? ' +
        'Do they get support? ' +
        'Can they meet and keep in touch with others like them? ' +
        'Is there money for groups that people who use services run? ' +
        'All of this helps people to take part as equals.',
    },
    purpose: {
      title: 'Being honest about why you are asked',
      description:
        'This part is about honesty. ' +
        'Why do we ask people to take part? ' +
        'Is it because their views matter? ' +
        'Or is it a way to save money? ' +
        'Or to give people work without the power to change things? ' +
        'Do the words we use match what really happens?',
    },
  },
  items: {
    'cp-last-change': {
      text: 'Think of the last time we changed a service. What part did the people who use that service have?',
      hint: 'Think of the last change that you know about. Then choose the answer that fits best.',
      options: ladderRungs('They led the change.'),
    },
    'cp-topics': { text: 'People who use services help choose what to talk about at meetings.' },
    'cp-early': { text: 'People who use services take part before anyone writes a plan.' },
    'cp-chair': { text: 'People who use services help to run meetings. For example, they are the person in charge of the meeting.' },
    'cp-judge': { text: 'People who use services help to check if a change worked.' },
    'coproduction-comment': comment,

    'tk-last-decision': {
      text: 'Think of the last big decision we made about our services. What part did the people who use them have?',
      hint: 'For example, about when a service is open. Or about what matters most. Or about who a service is for.',
      options: ladderRungs('They led the decision.'),
    },
    'tk-change': { text: 'People who use services say what they think. This changes what we decide.' },
    'tk-told': { text: 'We tell people what changed because of what they said.' },
    'tk-several': { text: 'Each group that makes decisions has 2 or more people who have used services.' },
    'tk-chosen': { text: 'Some people speak up for others who use services. The people they speak for choose them.' },
    'tokenism-comment': comment,

    'ld-shared': { text: 'Many people here share the job of leading. This includes people who use services.' },
    'ld-lasts': { text: 'If a top leader left, the changes here would keep going.' },
    'ld-challenge': { text: 'Leaders are glad when people who use services question what they do.' },
    'ld-credit': { text: 'Leaders give the praise for a change to the people who made it happen.' },
    'ld-decisions': { text: 'Leaders back up the choices that people who use services make.' },
    'leadership-comment': comment,

    'rc-paid': {
      text: 'People who have used services get fair pay for the time they give.',
      hint: 'Pay could be money or vouchers. Or it could be another kind of thanks that people choose.',
    },
    'rc-skills': { text: 'Staff ask people who use services what they are good at.' },
    'rc-learn': { text: 'Staff talk about what they have learned from people who use services.' },
    'rc-peer': { text: 'We help people who use services to start support groups. In these groups, people help each other.' },
    'rc-roles': { text: 'We offer people who use services jobs or tasks that use their skills.' },
    'reciprocity-comment': comment,

    'pr-money': { text: 'People who use services help us decide how to spend money.' },
    'pr-staff': { text: 'People who use services help choose new staff.' },
    'pr-priorities': { text: 'People who use services help decide what matters most to us each year.' },
    'pr-deliver': { text: 'People who have used services work with staff to run services.' },
    'pr-risk': { text: 'Staff talk openly with people who use services about the risks of a change. A risk is something that might go wrong.' },
    'power-risk-comment': comment,

    'in-growing': { text: 'More and more people who use services take part in decisions.' },
    'in-varied': {
      text: 'Many kinds of people use our services. The people who take part are just as mixed.',
      hint: 'For example, they could be young or old. They could be disabled. They could be any race or gender. They could have more money or less money.',
    },
    'in-missing': { text: 'We check which groups of people are missing from decisions.' },
    'in-costs': { text: 'We pay the costs people have when they take part. For example, the cost of travel.' },
    'in-suit': { text: 'We plan meetings to suit the people who take part.' },
    'inclusion-comment': comment,

    'le-training': { text: 'People who have used services can get training for the jobs they take on.' },
    'le-support': { text: 'We support people who have used services in the jobs they take on.' },
    'le-network': { text: 'Some people speak up for others. We help them keep in touch with the people they speak for.' },
    'le-funding': { text: 'We give money to groups that people who use services run.' },
    'le-budget': { text: 'We keep some money just for helping people who have used services to take part.' },
    'lived-expertise-comment': comment,

    'hp-why': { text: 'We tell people honestly why we ask them to take part.' },
    'hp-limits': { text: 'At the start, we tell people what they can change.' },
    'hp-money': { text: 'We tell people who use our services the truth when money is short.' },
    'hp-power': { text: 'When people take on a task here, they get the power to do it.' },
    'hp-match': { text: 'We do what we say about sharing power.' },
    'purpose-comment': comment,
  },
  roles: {
    lived: 'I use services, or I have used them',
    carer: 'I am a family member or a carer',
    staff: 'I work or volunteer here',
    leader: 'I am a manager or a leader here',
    board: 'I am on the board that is in charge here, or I am a trustee',
    partner: 'I work for another group that works with us or pays for our services',
    unsaid: 'I would rather not say',
  },
} satisfies EasyReadTexts;
