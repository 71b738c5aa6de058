// What a profile running its jobs in the background tells the screens (the profile on screen's
// events go to them as they are). Its alerts and notices are named with it ("two: …") and their
// topics made its own, so a word on the same topic replaces them and its own `resolved` clears
// them, and nothing of the profile on screen does. A finished job or inbox read becomes
// `background-profile` (its state in profiles() changed); new messages are announced, naming it. Its word that its jobs were switched or
// retimed elsewhere is left out: the profiles service says that itself, naming the profile.
import { NOTICE_TOPICS, type ConsoleEvent } from '../domain';

/** The topic a background profile's notice has on screen. */
export function backgroundTopic(profile: string, topic: string): string {
  return `profile:${profile}:${topic}`;
}

export function backgroundProfileEvent(profile: string, event: ConsoleEvent): ConsoleEvent | undefined {
  const topic = (own: string | undefined) => (own === undefined ? {} : { topic: backgroundTopic(profile, own) });
  switch (event.type) {
    case 'alert':
      return { ...event, title: `${profile}: ${event.title}`, ...topic(event.topic) };
    case 'notice':
      if (event.topic === NOTICE_TOPICS.jobsChanged) return undefined;
      // That sentence names its profile already.
      if (event.topic === NOTICE_TOPICS.settingsUnreadable) return { ...event, ...topic(event.topic) };
      return { ...event, text: `${profile}: ${event.text}`, ...topic(event.topic) };
    case 'resolved':
      return { type: 'resolved', topic: backgroundTopic(profile, event.topic) };
    case 'job':
      return event.job.running ? undefined : { type: 'background-profile', profile };
    case 'inbox-changed':
      return { type: 'background-profile', profile };
    case 'messages-arrived':
      return { ...event, profile };
    default:
      return undefined;
  }
}
