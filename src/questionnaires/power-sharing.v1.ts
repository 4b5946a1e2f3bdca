// The default questionnaire, as data. Where each theme comes from: docs/questionnaire.md.
// Content rules (plain words, one practice per item, at most 25 words, no reverse wording) are
// held by test/questionnaires/power-sharing.test.ts.
import type { QuestionnaireInput } from '../domain/questionnaire';
import { powerSharingV1Welsh } from './power-sharing.v1.cy';
import { powerSharingV1WelshEasyRead } from './power-sharing.v1.cy.easy-read';
import { powerSharingV1EasyRead } from './power-sharing.v1.easy-read';

const ladderRungs = (decision: string, top: string): string[] => [
  'Not involved at all',
  `Told after the ${decision} was made`,
  'Asked for comments on a finished plan',
  'Asked what mattered to them before plans were made',
  'Helped to shape the choices',
  `Shared the final ${decision}`,
  top,
];

const comment = (theme: string) => ({
  id: `${theme}-comment`,
  theme,
  kind: 'comment' as const,
  text: "Anything to add about this theme? Please don't name anyone.",
});

/** "Power-sharing self-assessment", version 1. */
export const powerSharingV1 = {
  id: 'power-sharing',
  version: 1,
  title: 'Power-sharing self-assessment',
  intro:
    'This questionnaire asks how far this organisation shares power with the people who use its services. ' +
    'There are no right or wrong answers. Answer from what you have seen yourself. ' +
    "If you are not sure, choose \u201cDon't know\u201d. You can skip any question, stop, and come back later. " +
    'Your answers are anonymous: results are only shown for groups of several people.',
  commentMaxLength: 1000,
  scale: {
    practice: ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'],
    dontKnowLabel: "Don't know",
  },
  bands: [
    { id: 'not-yet', label: 'Not there yet', min: 0, max: 24 },
    { id: 'starting', label: 'Starting out', min: 25, max: 49 },
    { id: 'on-the-way', label: 'On the way', min: 50, max: 74 },
    { id: 'strong', label: 'Going strong', min: 75, max: 100 },
  ],
  ladderGroups: [
    { id: 'to', label: 'Doing to', minRung: 0, maxRung: 1 },
    { id: 'for', label: 'Doing for', minRung: 2, maxRung: 3 },
    { id: 'with', label: 'Doing with', minRung: 4, maxRung: 6 },
  ],
  roles: [
    { id: 'lived', label: 'Someone who uses services or has lived experience', side: 'people' },
    { id: 'carer', label: 'Family member or carer', side: 'people' },
    { id: 'staff', label: 'Staff member or volunteer', side: 'organisation' },
    { id: 'leader', label: 'Manager or leader', side: 'organisation' },
    { id: 'board', label: 'Board member or trustee', side: 'organisation' },
    { id: 'partner', label: 'Partner organisation or commissioner', side: 'other' },
    { id: 'unsaid', label: 'Prefer not to say', side: 'other' },
  ],
  themes: [
    {
      id: 'coproduction',
      title: 'Consultation or co-production',
      plainTitle: 'Being involved from the start',
      description:
        'Are the people who use services involved from the start, deciding what is talked about and shaping the plans? Or are they only asked for comments once the plans exist?',
      discussionPrompts: [
        'Think of the last change to a service here. At what point were the people who use it first in the room, and what could they still change by then?',
        'Who chose the subject of our last big meeting? What would be different if people who use services set the agenda?',
      ],
      bandText: {
        'not-yet': 'People who use services mostly hear about changes after they have been decided. Decisions are made without them.',
        starting: 'People are asked for their views, but usually once a plan is already written. That is consultation: it helps, but the big choices have already been made.',
        'on-the-way': 'People who use services are often involved early and help to shape plans. They do not yet share the final say, or judge the results.',
        strong: 'People who use services help decide what is talked about, shape the plans, share the decisions and judge whether changes worked.',
      },
      nextSteps: {
        'not-yet': [
          'Pick one change planned for this year. Invite people who use that service to the very first meeting, before anything is written down.',
          'Tell people about each recent decision that affects them: what was decided, why, and what they can still influence.',
        ],
        starting: [
          'Before the next plan is drafted, hold an open session that asks people what matters to them, and build the plan from what they say.',
          'Show people the options while they are still open, instead of a finished plan.',
          'Write down which decisions people who use services can change, and share that list with them.',
        ],
        'on-the-way': [
          'Ask people who use services to chair, or co-chair, the meetings where plans are made.',
          'Agree with people how the next change will be judged, then look at the results together.',
          'Give people who use services an equal vote in the final decision on at least one change this year.',
        ],
        strong: [
          'Write down how you work together, so that it survives changes of staff.',
          'Let people who use services lead the next change, with staff in a supporting role.',
          'Share what you have learned with other organisations nearby.',
        ],
      },
    },
    {
      id: 'tokenism',
      title: 'Tokenism and representation',
      plainTitle: 'Being listened to, not just there to tick a box',
      description:
        'Do the views of people who use services change decisions, and are they told how? Are there several people at the table, chosen by those they speak for and supported like any other decision maker?',
      discussionPrompts: [
        'When did the view of someone who uses services last change a decision here? How did they find out what difference it made?',
        'If you were the only person with lived experience at the table, what would you need to speak up as an equal?',
      ],
      bandText: {
        'not-yet': 'People may be invited to meetings, but their views rarely change anything and they seldom hear what happened next.',
        starting: 'Views are sometimes acted on, but one person is often left to speak for everyone, with little support.',
        'on-the-way': 'Views often shape decisions and people hear back. More people take part, but they are not yet chosen by the people they speak for.',
        strong: 'Several people with lived experience, chosen by and in touch with the people they speak for, change decisions and are told how.',
      },
      nextSteps: {
        'not-yet': [
          'After each meeting people attend, send a short note saying what was decided and what changed because of their views.',
          'Invite at least two people with lived experience to each group that makes decisions, never just one.',
        ],
        starting: [
          'Keep a simple log of suggestions from people who use services and what happened to each one. Share it every few months.',
          'Send people who take part the same papers as everyone else, early enough to read them.',
        ],
        'on-the-way': [
          'Ask the wider group of people who use services to choose who speaks for them.',
          'Give the people who speak for others paid time to meet the people they represent between meetings.',
        ],
        strong: [
          'Check each year whether the people at the table still reflect the people they speak for.',
          'Ask a group of people who use services from outside your organisation to review whether views really changed decisions.',
        ],
      },
    },
    {
      id: 'leadership',
      title: 'Heroic or shared leadership',
      plainTitle: 'Who leads and who decides',
      description:
        'Does change depend on one inspiring leader, or is leadership shared? Do leaders act as allies: welcoming challenge, giving credit away and letting others make decisions?',
      discussionPrompts: [
        'If our most inspiring leader left tomorrow, which of our changes would carry on, and who would lead them?',
        'When did a leader here last accept a challenge from someone with less power, and give them the credit?',
      ],
      bandText: {
        'not-yet': 'Change depends on a few senior people. Others wait to be told, and challenge is not welcome.',
        starting: 'Some leaders invite ideas, but decisions and credit still sit at the top.',
        'on-the-way': 'Leadership is shared in places. Leaders often welcome challenge and back decisions that others make.',
        strong: 'Leadership is shared widely, including with people who use services. Leaders act as allies, and changes would outlast any one person.',
      },
      nextSteps: {
        'not-yet': [
          'Ask each senior leader to name one decision they will hand to a group that includes people who use services.',
          'Hold a regular open session where anyone can question leaders, and publish the answers afterwards.',
        ],
        starting: [
          'When a change goes well, name the people who did the work, including people who use services.',
          'Ask leaders to take part in training on being an ally, led by people with lived experience.',
        ],
        'on-the-way': [
          'Share the chairing of important meetings, including with people who use services.',
          'Write down how each important change works, so that it does not depend on one person.',
        ],
        strong: [
          'Make sharing power part of how leaders are chosen and how their work is reviewed.',
          'Ask people who use services for feedback on leaders each year, and act on it.',
        ],
      },
    },
    {
      id: 'reciprocity',
      title: 'Reciprocity',
      plainTitle: 'Getting something back for your time',
      description:
        'Do both sides give and gain? Are people paid or otherwise thanked for their time and knowledge, seen for their skills instead of their problems, and helped to support each other?',
      discussionPrompts: [
        'What do people who use services give to this organisation, and what do they get back for their time and expertise?',
        'Which skills and strengths of the people we serve are we not using yet?',
      ],
      bandText: {
        'not-yet': 'People give their time but get little back. They are seen mainly as people with needs.',
        starting: 'Some people are paid or thanked, but it is uneven, and their skills are rarely asked about.',
        'on-the-way': 'People are usually paid or recognised, and their skills are often put to use. Staff learn from them too.',
        strong: 'Both sides give and gain. People are paid fairly, use their skills in valued roles, and peer support is thriving.',
      },
      nextSteps: {
        'not-yet': [
          'Agree a fair rate of pay for people\u2019s time, and pay expenses on the day.',
          'Add a question about people\u2019s skills and interests to first conversations.',
        ],
        starting: [
          'Write a simple payment policy together with people who use services, and make sure everyone knows about it.',
          'At team meetings, ask staff to share one thing they have learned from people who use services.',
        ],
        'on-the-way': [
          'Offer space, time or small grants so that peer support groups can meet.',
          'Create paid roles that draw on lived experience, such as peer workers.',
        ],
        strong: [
          'Check with people each year that payment and recognition still feel fair.',
          'Help peer groups link up with other groups in the area.',
        ],
      },
    },
    {
      id: 'power-risk',
      title: 'Sharing power and risk',
      plainTitle: 'Sharing decisions and taking risks together',
      description:
        'Is there real power to change things, such as money, staffing and priorities? Do people with lived experience deliver services alongside professionals, and are risks talked about openly?',
      discussionPrompts: [
        'Which budget, post or priority could people who use services really change this year? What stops us handing that over?',
        'When something goes wrong, who carries the risk here? How could we share it more openly?',
      ],
      bandText: {
        'not-yet': 'People who use services have no say over money, staff or priorities, and risks are decided for them.',
        starting: 'People are sometimes asked about priorities, but money, staffing and risk stay with professionals.',
        'on-the-way': 'People have a real say in some priorities and help choose staff. Risks are talked about more openly.',
        strong: 'People share decisions on money, staff and priorities, deliver services alongside professionals, and risks are shared openly.',
      },
      nextSteps: {
        'not-yet': [
          'Include people who use services on the interview panel for the next staff appointment.',
          'Publish a plain summary of the budget and of how it is decided.',
        ],
        starting: [
          'Give a group of people who use services a small budget of their own to decide on.',
          'Talk through the risks of the next change openly with the people it affects, before deciding.',
        ],
        'on-the-way': [
          'Set aside part of the main budget to be decided jointly with people who use services.',
          'Create roles in which people with lived experience deliver services alongside professionals.',
        ],
        strong: [
          'Review each year how much of the budget is decided jointly, and aim to increase it.',
          'Share what you have learned about sharing risk with other services.',
        ],
      },
    },
    {
      id: 'inclusion',
      title: 'Diversity and inclusion',
      plainTitle: 'Including everyone',
      description:
        'Is the group that takes part in decisions growing and becoming more varied, across class, ethnicity, gender, disability and age? Who is missing, and what is done about the barriers?',
      discussionPrompts: [
        'Look around the table where decisions are made: who is missing, and what keeps them away?',
        'What is one barrier we could remove this month so that someone new can take part?',
      ],
      bandText: {
        'not-yet': 'The same few people take part, and many of the groups who use services are missing.',
        starting: 'Some effort goes into reaching others, but the group that takes part has not changed much.',
        'on-the-way': 'The group taking part is growing and becoming more varied. Some barriers remain.',
        strong: 'The people who take part reflect everyone who uses services, and barriers are removed as soon as they are found.',
      },
      nextSteps: {
        'not-yet': [
          'Compare who takes part with who uses your services, and list the groups that are missing.',
          'Hold the next meeting at a time and place chosen by people who rarely come.',
        ],
        starting: [
          'Ask local community groups how to reach the people you are missing, and pay them for their help.',
          'Cover costs such as travel, childcare and interpreters, and say so in every invitation.',
        ],
        'on-the-way': [
          'Offer different ways to take part, such as online, by phone or in small groups.',
          'Ask people who stopped taking part what would bring them back.',
        ],
        strong: [
          'Check each year who is taking part, and share what you find openly.',
          'Support newer members to take on leading roles.',
        ],
      },
    },
    {
      id: 'lived-expertise',
      title: 'Investing in lived expertise',
      plainTitle: 'Support and pay for people with lived experience',
      description:
        'Are there training, support, networks and money for people with lived experience, and for groups run by the people who use services, so that people can take part as equals?',
      discussionPrompts: [
        'What training, support or money do people with lived experience get here, compared with staff who take part in the same decisions?',
        'Which user-led or grassroots groups near us could we support, and what would they ask of us?',
      ],
      bandText: {
        'not-yet': 'People with lived experience are expected to take part without training, support or funding.',
        starting: 'Some training or support is offered, but it is patchy, and groups run by people who use services get little.',
        'on-the-way': 'Training and support are usually offered, and some groups run by people who use services are funded.',
        strong: 'People with lived experience get the training, support and networks they need, and their own groups are funded as equal partners.',
      },
      nextSteps: {
        'not-yet': [
          'Give everyone who takes part a named contact they can talk to after meetings.',
          'Find out which groups run by people who use services exist near you, and go to meet them.',
        ],
        starting: [
          'Offer people with lived experience the same training as staff in similar roles.',
          'Set aside a budget for involvement, and let people with lived experience help decide how it is spent.',
        ],
        'on-the-way': [
          'Fund a group run by people who use services for several years at a time, instead of project by project.',
          'Help the people who speak for others to stay in touch with the people they represent.',
        ],
        strong: [
          'Open routes for people with lived experience into paid jobs, including senior ones.',
          'Ask the groups you fund to review how you fund and work with them.',
        ],
      },
    },
    {
      id: 'purpose',
      title: 'Honest purpose',
      plainTitle: 'Being honest about why you are asked',
      description:
        'Is sharing power chosen because it matters, or used to cover cuts or to hand over responsibility without power? Do words like \u201cempowerment\u201d match what happens?',
      discussionPrompts: [
        'Why do we say we co-produce? Would the people who use our services give the same answer?',
        'Where might “empowerment” or “co-production” be a kinder word for a cut, or for handing over work without the power to change it?',
      ],
      bandText: {
        'not-yet': 'Talk of involvement does not match what happens. People may be asked to take on work without any real power.',
        starting: 'The aims are good, but people are not always told honestly why they are asked, or what can change.',
        'on-the-way': 'People are usually told honestly what can change and why they are asked. Words and actions mostly match.',
        strong: 'Sharing power is chosen for its own sake. People hear the truth about money and limits, and responsibility comes with power.',
      },
      nextSteps: {
        'not-yet': [
          'Before asking people to take part, write down honestly what can change and what cannot, and share it.',
          'Stop using words like \u201cempowerment\u201d unless you can name the power that is being shared.',
        ],
        starting: [
          'Be open about money: if a change is driven by cuts, say so at the start.',
          'When you hand a task to people who use services, hand over the budget or authority to do it as well.',
        ],
        'on-the-way': [
          'Ask people who use services each year whether what you say matches what they see.',
          'Publish the decisions that people changed, and the ones they could not.',
        ],
        strong: [
          'Write your reasons for sharing power into your plans, so that they last through hard times.',
          'Invite challenge from outside, for example from people who use another organisation\u2019s services.',
        ],
      },
    },
  ],
  items: [
    {
      id: 'cp-last-change',
      theme: 'coproduction',
      kind: 'ladder',
      text: 'When this organisation last changed a service, the people who use it were\u2026',
      hint: 'Think of the most recent change you know about. Choose the option that fits best.',
      options: ladderRungs('decision', 'Led the change'),
    },
    { id: 'cp-topics', theme: 'coproduction', kind: 'practice', text: 'People who use services help decide what is talked about at meetings about services.' },
    { id: 'cp-early', theme: 'coproduction', kind: 'practice', text: 'People who use services are involved before any plans are written.' },
    { id: 'cp-chair', theme: 'coproduction', kind: 'practice', text: 'People who use services help to run meetings about services, for example as chair.' },
    { id: 'cp-judge', theme: 'coproduction', kind: 'practice', text: 'People who use services help to judge whether a change has worked.' },
    comment('coproduction'),

    {
      id: 'tk-last-decision',
      theme: 'tokenism',
      kind: 'ladder',
      text: 'When this organisation last made a big decision about its services, the people who use them were\u2026',
      hint: 'For example a decision about opening times, priorities or who a service is for.',
      options: ladderRungs('decision', 'Led the decision'),
    },
    { id: 'tk-change', theme: 'tokenism', kind: 'practice', text: 'The views of people who use services change what this organisation decides.' },
    { id: 'tk-told', theme: 'tokenism', kind: 'practice', text: 'People who give their views are told what changed because of them.' },
    { id: 'tk-several', theme: 'tokenism', kind: 'practice', text: 'At least two people with lived experience sit on each group that makes decisions.' },
    { id: 'tk-chosen', theme: 'tokenism', kind: 'practice', text: 'People who speak for others who use services are chosen by those people.' },
    comment('tokenism'),

    { id: 'ld-shared', theme: 'leadership', kind: 'practice', text: 'Leadership here is shared among many people, including people who use services.' },
    { id: 'ld-lasts', theme: 'leadership', kind: 'practice', text: 'Changes here would carry on if a senior leader left.' },
    { id: 'ld-challenge', theme: 'leadership', kind: 'practice', text: 'Leaders welcome challenge from people who use services.' },
    { id: 'ld-credit', theme: 'leadership', kind: 'practice', text: 'Leaders give credit for changes to the people who made them happen.' },
    { id: 'ld-decisions', theme: 'leadership', kind: 'practice', text: 'Leaders stand by decisions made by people who use services.' },
    comment('leadership'),

    {
      id: 'rc-paid',
      theme: 'reciprocity',
      kind: 'practice',
      text: 'People with lived experience are paid fairly for the time they give.',
      hint: 'Payment could be money, vouchers or another kind of thanks that people choose.',
    },
    { id: 'rc-skills', theme: 'reciprocity', kind: 'practice', text: 'Staff ask people who use services about the skills they could bring.' },
    { id: 'rc-learn', theme: 'reciprocity', kind: 'practice', text: 'Staff talk about what they have learned from people who use services.' },
    { id: 'rc-peer', theme: 'reciprocity', kind: 'practice', text: 'This organisation helps people who use services to set up peer support groups.' },
    { id: 'rc-roles', theme: 'reciprocity', kind: 'practice', text: 'People who use services are offered roles here that make use of their skills.' },
    comment('reciprocity'),

    { id: 'pr-money', theme: 'power-risk', kind: 'practice', text: 'People who use services help decide how money is spent.' },
    { id: 'pr-staff', theme: 'power-risk', kind: 'practice', text: 'People who use services help choose new staff.' },
    { id: 'pr-priorities', theme: 'power-risk', kind: 'practice', text: 'People who use services help set this organisation\u2019s priorities for the year.' },
    { id: 'pr-deliver', theme: 'power-risk', kind: 'practice', text: 'People with lived experience deliver services alongside professionals.' },
    { id: 'pr-risk', theme: 'power-risk', kind: 'practice', text: 'Staff talk openly with people who use services about the risks of a change.' },
    comment('power-risk'),

    { id: 'in-growing', theme: 'inclusion', kind: 'practice', text: 'The group of people who use services taking part in decisions is growing.' },
    {
      id: 'in-varied',
      theme: 'inclusion',
      kind: 'practice',
      text: 'The people taking part are as varied as the people who use services.',
      hint: 'For example in age, class, disability, ethnicity or gender.',
    },
    { id: 'in-missing', theme: 'inclusion', kind: 'practice', text: 'This organisation checks which groups of people are missing from decisions.' },
    { id: 'in-costs', theme: 'inclusion', kind: 'practice', text: 'This organisation covers the costs people face in taking part, such as travel.' },
    { id: 'in-suit', theme: 'inclusion', kind: 'practice', text: 'Meetings are arranged to suit the people taking part.' },
    comment('inclusion'),

    { id: 'le-training', theme: 'lived-expertise', kind: 'practice', text: 'People with lived experience are offered training for the roles they take on.' },
    { id: 'le-support', theme: 'lived-expertise', kind: 'practice', text: 'People with lived experience get support from this organisation in the roles they take on.' },
    { id: 'le-network', theme: 'lived-expertise', kind: 'practice', text: 'This organisation helps people who speak for others to keep in touch with them.' },
    { id: 'le-funding', theme: 'lived-expertise', kind: 'practice', text: 'This organisation funds groups run by people who use services.' },
    { id: 'le-budget', theme: 'lived-expertise', kind: 'practice', text: 'Money is set aside for involving people with lived experience.' },
    comment('lived-expertise'),

    { id: 'hp-why', theme: 'purpose', kind: 'practice', text: 'People are told honestly why they are being asked to take part.' },
    { id: 'hp-limits', theme: 'purpose', kind: 'practice', text: 'People are told at the start which things are open to change.' },
    { id: 'hp-money', theme: 'purpose', kind: 'practice', text: 'This organisation is honest with people who use services when money is tight.' },
    { id: 'hp-power', theme: 'purpose', kind: 'practice', text: 'When people take on a task here, they are given the power to carry it out.' },
    { id: 'hp-match', theme: 'purpose', kind: 'practice', text: 'What this organisation says about sharing power matches what happens.' },
    comment('purpose'),
  ],
  forms: {
    full: [
      'cp-last-change', 'cp-topics', 'cp-early', 'cp-chair', 'cp-judge', 'coproduction-comment',
      'tk-last-decision', 'tk-change', 'tk-told', 'tk-several', 'tk-chosen', 'tokenism-comment',
      'ld-shared', 'ld-lasts', 'ld-challenge', 'ld-credit', 'ld-decisions', 'leadership-comment',
      'rc-paid', 'rc-skills', 'rc-learn', 'rc-peer', 'rc-roles', 'reciprocity-comment',
      'pr-money', 'pr-staff', 'pr-priorities', 'pr-deliver', 'pr-risk', 'power-risk-comment',
      'in-growing', 'in-varied', 'in-missing', 'in-costs', 'in-suit', 'inclusion-comment',
      'le-training', 'le-support', 'le-network', 'le-funding', 'le-budget', 'lived-expertise-comment',
      'hp-why', 'hp-limits', 'hp-money', 'hp-power', 'hp-match', 'purpose-comment',
    ],
    // One or two items per theme for a workshop: both ladders (the flags need them) and the
    // product owner's four named themes get two.
    short: [
      'cp-last-change', 'cp-early',
      'tk-last-decision', 'tk-change',
      'ld-shared', 'ld-challenge',
      'rc-paid', 'rc-skills',
      'pr-money',
      'in-varied',
      'le-training',
      'hp-match',
    ],
  },
  flags: [
    {
      kind: 'ladderAtMost',
      id: 'consultation-not-coproduction',
      title: 'Consultation, not co-production',
      description:
        'Most people say that, the last time a service changed, the people who use it were at most asked for comments on a plan that was already finished. ' +
        'That is consultation: the choices had already been made. Next time, involve people before there is a plan.',
      item: 'cp-last-change',
      maxRung: 2,
      share: 0.5,
    },
    {
      kind: 'gap',
      id: 'seen-differently',
      title: 'Seen differently',
      description:
        'The people who use services and the people who run them see this theme quite differently. ' +
        'The gap itself is worth talking about together: ask each side what they see that the other does not.',
      themes: 'all',
      groupA: ['lived', 'carer'],
      groupALabel: 'People with lived experience and carers',
      groupB: ['staff', 'leader', 'board'],
      groupBLabel: 'Staff, leaders and board',
      threshold: 15,
    },
    {
      kind: 'ladderMismatch',
      id: 'tokenism-risk',
      title: 'Risk of tokenism',
      description:
        'Most staff and leaders say people who use services helped to shape, shared or led the last big decision, while most people with lived experience say they were at most asked for their views. ' +
        'When the two sides see involvement this differently, it may feel like a token gesture to the people involved.',
      item: 'tk-last-decision',
      groupA: ['staff', 'leader'],
      groupALabel: 'Staff and leaders',
      groupAAtLeast: 'with',
      groupB: ['lived'],
      groupBLabel: 'People with lived experience',
      groupBAtMost: 'for',
      share: 0.5,
    },
  ],
  language: 'en',
  // Issue 15: the Easy Read wording and the Welsh translation with its own Easy Read wording, under
  // the same ids (their own files).
  easyRead: powerSharingV1EasyRead,
  translations: { cy: { ...powerSharingV1Welsh, easyRead: powerSharingV1WelshEasyRead } },
} satisfies QuestionnaireInput;
