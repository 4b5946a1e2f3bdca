// The respondent pages' own words in Easy Read, where they differ from the standard ones (issue 15):
// the instructions around the questions (welcome, role, theme and check pages, hints, buttons,
// progress, errors). Each key shadows the standard key of the same path; a key left out here falls
// back to the standard wording (web/i18n.ts). The same guidance and bound as the questionnaire's
// Easy Read wording (docs/questionnaire.md, "Easy Read and Welsh"): short sentences, one idea each,
// everyday words, numbers as digits; at most 15 words a sentence and Flesch reading ease 70 or more,
// held by test/web/easy-read-catalogue.test.ts. "Part" for a theme, as the questionnaire's Easy Read
// says ("This part is about…"); "code" for the resume code.
export const easyReadEn = {
  welcome: {
    asked: 'What we will ask you',
    sections: 'There are {{n}} short parts. Each part has its own page:',
    minutes: 'It takes about {{n}} minutes. You do not have to answer every question. Every question has the answer “I don’t know”.',
    anonymous: 'Your answers are anonymous. This means we do not ask for your name or email. We do not keep your internet address.',
    groups: 'We will ask which group you are in. For example, staff, or people who use services. We show results for a group only when {{n}} or more of them answer. This means nobody can tell how you answered.',
    comments: 'You can write a comment in a box. We show comments without your group. We show them only when {{n}} or more people have answered. Please do not write anyone’s name.',
    saved: 'We save your answers each time you go to the next page. We give you a code to write down. With the code, you can finish later. You can use this device or another one.',
    inProgress: 'You have started to answer. Your code is {{code}}.',
    continue: 'Go on from where you stopped',
    alreadySent: 'You have sent your answers from this device. Thank you. Is someone else using this device? They can start their own answers below.',
  },
  role: {
    title: 'Which of these is most like you?',
    hint: 'This helps us see if groups think in different ways. We show results for a group only when {{n}} or more of them answer.',
    error: 'Choose the answer that is most like you',
    assistedLegend: 'Are you helping someone else to answer?',
    assistedHint: 'For example, you might be a supporter. If you are, choose the group of the person you help. Then give their answers. We only note that they had help. We keep nothing about you or them.',
    assistedYes: 'Yes, I am helping someone to answer',
    resumeCode: 'Your code is {{code}}. Write it down if you want to finish later.',
  },
  theme: {
    backSaves: ' (this saves your answers on this page)',
    progress: 'Part {{n}} of {{total}}',
    answerFor: 'Tell us what you think about our organisation. You can skip any question. Choose “No answer” to take back an answer you gave.',
    saveContinue: 'Save and go on',
    resumeCode: 'Your code is {{code}}.',
    picture: 'A picture for this part',
  },
  question: {
    noAnswerHidden: ' (take back your answer)',
    ladderHint: 'Choose the answer that fits best.',
    optional: '(if you want to)',
    upTo: 'You can write up to {{n}} letters and spaces.',
    charsLeft: 'You can write {{n}} more letters and spaces',
    charsOver: 'You have written {{n}} letters and spaces too many',
  },
  answerErrors: {
    formUnreadable: 'We could not read the form. Please try again.',
    commentTwice: 'You sent your comment for “{{question}}” 2 times. Please send it once.',
    chooseOnlyOne: 'Choose only 1 answer for “{{question}}”.',
    unreadable: 'We could not read your answer for “{{question}}”. Please try again.',
    tooLong: 'Your comment has {{length}} letters and spaces. Please use {{max}} or fewer.',
    chooseOption: 'Choose 1 of the answers for “{{question}}”.',
  },
  check: {
    answered: 'You answered {{answered}} of {{total}} questions. You do not have to write comments. We do not count them. You can change any answer before you send them.',
    howFar: 'How much you have done',
    describes: 'Most like you',
    changeRole: ' which group you are in',
    assistedYes: 'Yes: someone is helping to answer',
    changeAssisted: ' if you had help',
    send: 'Send your answers',
    sendText: 'When you send your answers, we add them to all the other answers. We do not know who sent them. You cannot change them after you send them.',
    notReady: 'Not ready yet? We have saved your answers. Your code is {{code}}.',
    noComment: 'No comment. You do not have to write one.',
    emptyAnswers: 'Please answer 1 question or more before you send. “I don’t know” counts as an answer.',
  },
  saved: {
    title: 'We have saved your answers',
    code: 'Your code to come back is',
    writeDown: 'Write this code down, or take a photo of it. To finish later, go to {{address}}. Then type in the code. You can use this device or another one.',
    kept: 'We keep your answers for {{days}} days after you last change them. If you do not come back by then, we delete them. We do not send them.',
    carryOn: 'Go on answering now',
  },
  thanks: {
    sent: 'We have got your answers. We have counted them.',
    private: 'Nobody can see your own answers. Nobody can link your answers to you.',
  },
};
